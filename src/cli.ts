// npm run cli -- <command>: the administrative command line.
//   user:create --email E --name N --role admin|editor|author --password-stdin
import { parseArgs } from "node:util";
import { loadConfig } from "./config.js";
import { createPrisma } from "./db.js";
import { migrateSqlite } from "./db/migrate.js";
import { HttpError } from "./errors.js";
import { createUser, isRole, ROLES } from "./services/users.js";
import { checkPasswordPolicy } from "./services/password-policy.js";

const USAGE = `Cách dùng:
  npm run cli -- user:create --email E --name N --role ${ROLES.join("|")} --password-stdin
      (mật khẩu đọc từ đầu vào chuẩn, không bao giờ từ dòng lệnh)`;

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write("Mật khẩu (Enter để kết thúc): ");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if (process.stdin.isTTY && String(chunk).includes("\n")) break;
  }
  return Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
}

async function userCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
  });
  const problems: string[] = [];
  if (!values.email || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) problems.push("--email: cần một thư điện tử hợp lệ");
  if (!values.name?.trim()) problems.push("--name: cần họ tên");
  if (!values.role || !isRole(values.role)) problems.push(`--role: một trong ${ROLES.join(", ")}`);
  if (!values["password-stdin"]) problems.push("--password-stdin: mật khẩu phải được đọc từ đầu vào chuẩn");
  if (problems.length) throw new Error(`${problems.join("\n")}\n\n${USAGE}`);

  const password = await readStdin();
  const policy = checkPasswordPolicy(password, values.email!);
  if (policy) throw new Error(policy);

  const config = loadConfig();
  if (config.databaseKind === "sqlite") migrateSqlite(config.databaseUrl.slice("file:".length));
  const prisma = createPrisma(config);
  try {
    const input = { email: values.email!, name: values.name!, role: values.role as (typeof ROLES)[number], password };
    const user = await createUser(prisma, input, config.bcryptCost, { userId: null, ip: "dòng lệnh" });
    console.log(`Đã tạo tài khoản #${user.id} ${user.email} (${user.role}).`);
  } finally {
    await prisma.$disconnect();
  }
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === "user:create") await userCreate(rest);
  else {
    console.error(command ? `Lệnh không tồn tại: ${command}\n\n${USAGE}` : USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  const fields = error instanceof HttpError ? Object.values(error.fields) : [];
  console.error(fields.length ? fields.join("\n") : error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
