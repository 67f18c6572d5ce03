-- Full-text search over articles (SQLite FTS5). The rowid is the Article id.
-- The columns hold a FOLDED copy of the text (lower case, diacritics removed, đ → d) made by the
-- application (src/services/search-index.ts), because SQL cannot fold Vietnamese: "Đồng Tháp" is
-- stored as "dong thap". Only articles that may be public (published, not in the trash) are indexed;
-- the publication date is checked at query time so scheduled articles appear by themselves.
-- The application fills the table at start-up when it is empty (rebuildSearchIndex).
CREATE VIRTUAL TABLE "ArticleSearch" USING fts5(
  "title",
  "summary",
  "body",
  tokenize = 'unicode61 remove_diacritics 2'
);
