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

/** Like paginate, but a page past the end shows the last page (staff lists keep their filters usable). */
export function paginateWithin(page: number, pageSize: number, total: number): Page {
  return paginate(Math.min(page, paginate(1, pageSize, total).pageCount), pageSize, total);
}
