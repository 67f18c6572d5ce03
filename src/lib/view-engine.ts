import path from "node:path";
import ejs from "ejs";

type Callback = (err: Error | null, html?: string) => void;

/**
 * EJS with one layout: a view renders its content, then `views/layout/<layout>.ejs` wraps it
 * (`layout: "public"` by default, "admin", or false for a bare page such as XML or a fragment).
 */
export function layoutEngine(viewsDir: string, cache: boolean) {
  return (file: string, viewOptions: object, callback: Callback) => {
    const options = viewOptions as Record<string, unknown>;
    const render = async () => {
      const body = await ejs.renderFile(file, options, { cache, async: false });
      const layout = options["layout"] ?? "public";
      if (layout === false) return body;
      return ejs.renderFile(path.join(viewsDir, "layout", `${String(layout)}.ejs`), { ...options, body }, { cache });
    };
    render().then(
      (html) => callback(null, html),
      (error: Error) => callback(error),
    );
  };
}
