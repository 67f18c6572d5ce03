export interface Page {
  page: number;
  pageSize: number;
  total: number;
  pageCount: number;
  skip: number;
}

export function paginate(page: number, pageSize: number, total: number): Page {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  return { page, pageSize, total, pageCount, skip: (page - 1) * pageSize };
}
