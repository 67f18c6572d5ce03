import { Router, type Request } from "express";
import type { AppContext } from "../../app.js";
import { parseQuery } from "../../middleware/validate.js";
import { siteBase } from "../../lib/site-url.js";
import { attachmentOwners } from "../../services/attachments.js";
import { VALIDITIES, VALIDITY_LABELS } from "../../services/document-validity.js";
import { documentFeed } from "../../services/documents-feed.js";
import { documentYears, getPublicDocument, listPublicDocuments } from "../../services/documents-public.js";
import { DOCUMENTS_FEED_PATH, DOCUMENTS_PATH, publicDocumentWhere } from "../../services/documents.js";
import { listEntries } from "../../services/taxonomy.js";
import { DocumentListQuery, readFilters } from "./documents.schema.js";
import { SlugParams } from "./public.schema.js";

const FEED = { title: "Văn bản mới", path: DOCUMENTS_FEED_PATH };

// The section's own stylesheet (the list that stacks on a phone, the detail table), on its pages only.
const styles = (req: Request) => {
  const asset = req.app.locals["asset"] as (path: string) => string;
  return `<link rel="stylesheet" href="${asset("/assets/css/documents.css")}">`;
};

/** /van-ban: the legal documents, their feed and each document's page (?in=1 prints it). */
export function documentsRouter({ prisma, clock, config, chrome, pages }: AppContext): Router {
  const router = Router();
  // Files of a published document outside the trash may be downloaded by anyone (GET /tep/:id/:name).
  attachmentOwners.register("document", async (db, id) => (await db.legalDocument.count({ where: { id, ...publicDocumentWhere } })) > 0);

  // GET /van-ban/rss.xml (before /:slug; a feed is never a visit)
  router.get(DOCUMENTS_FEED_PATH, async (req, res) => {
    const { settings } = await chrome.get();
    const xml = await documentFeed(prisma, clock(), { siteName: settings.siteName, copyright: settings.copyright }, siteBase(config, req));
    await pages.document(req, res, xml, "application/rss+xml; charset=utf-8", "public, max-age=300");
  });

  // GET /van-ban?q=&loai=&co-quan=&linh-vuc=&nam=&hieu-luc=&tu=&den=&trang=
  router.get(DOCUMENTS_PATH, async (req, res) => {
    const query = DocumentListQuery.parse(req.query);
    const [types, issuers, sectors, years] = await Promise.all([
      listEntries(prisma, "documentType"),
      listEntries(prisma, "documentIssuer"),
      listEntries(prisma, "sector"),
      documentYears(prisma),
    ]);
    const { filters, errors, values, basePath } = readFilters(query, { types, issuers, sectors });
    const list = await listPublicDocuments(prisma, clock(), filters, query.trang);
    await pages.page(req, res, "public/documents/index", {
      pageTitle: "Văn bản",
      metaDescription:
        "Văn bản quy phạm pháp luật và văn bản chỉ đạo, điều hành về cải cách hành chính: tra cứu theo số ký hiệu, trích yếu, loại, cơ quan ban hành, lĩnh vực, năm và tình trạng hiệu lực.",
      headExtra: styles(req),
      extraMeta: { feeds: [FEED] },
      values,
      errors,
      types,
      issuers,
      sectors,
      years,
      validities: VALIDITIES.map((v) => ({ value: v, label: VALIDITY_LABELS[v] })),
      filtered: basePath !== DOCUMENTS_PATH,
      basePath,
      feedPath: FEED.path,
      ...list,
    });
  });

  // GET /van-ban/:slug (?in=1: the print view)
  router.get(`${DOCUMENTS_PATH}/:slug`, async (req, res) => {
    const { slug } = parseQuery(SlugParams, req.params, "Địa chỉ văn bản không hợp lệ.");
    const doc = await getPublicDocument(prisma, clock(), slug);
    const describe = `${doc.typeName} số ${doc.number} của ${doc.issuerName}, ban hành ngày ${doc.issuedOnLabel}: ${doc.title}`;
    await pages.page(req, res, "public/documents/show", {
      pageTitle: `${doc.typeName} ${doc.number}`,
      metaDescription: describe,
      headExtra: styles(req),
      // Dublin Core as Circular 24/2011/TT-BTTTT names the elements: the abstract, the issuing body,
      // the issue day, a description and the document's own identifier, its number.
      extraMeta: {
        dc: [
          ["DC.title", doc.title],
          ["DC.creator", doc.issuerName],
          ["DC.subject", doc.sectorName ?? doc.typeName],
          ["DC.description", describe],
          ["DC.date", doc.issuedOn],
          ["DC.type", doc.typeName],
          ["DC.identifier", doc.number],
        ],
        feeds: [FEED],
      },
      doc,
    });
  });
  return router;
}
