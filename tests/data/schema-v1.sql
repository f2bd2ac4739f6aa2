CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT, command TEXT,
  articles_checked INTEGER, articles_failed INTEGER);
CREATE TABLE articles (
  id TEXT PRIMARY KEY, path TEXT, title TEXT, text TEXT NOT NULL, analyzed_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT,
  run_id INTEGER REFERENCES runs(id));
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, rule TEXT, UNIQUE (name, type));
CREATE TABLE attributions (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, content_start INTEGER, content_end INTEGER, content_text TEXT,
  content_spans TEXT, cue_start INTEGER, cue_end INTEGER, cue_text TEXT, cue_lemma TEXT,
  cue_stance TEXT, cue_rule TEXT, cues TEXT, source_start INTEGER, source_end INTEGER,
  source_text TEXT, source_id INTEGER REFERENCES sources(id), vague INTEGER NOT NULL,
  resolved_by TEXT, confidence REAL, rules TEXT);
CREATE TABLE claims (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL,
  attribution_id TEXT REFERENCES attributions(id) ON DELETE SET NULL,
  checkworthiness REAL, reasons TEXT);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT, claim_id TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('needs-source', 'acceptable', 'false-positive', 'skip')),
  note TEXT, reviewer TEXT, reviewed_at TEXT NOT NULL);
CREATE VIRTUAL TABLE "claims_fts" USING FTS5 (
    "text",
    content="claims"
);
CREATE VIRTUAL TABLE "attributions_fts" USING FTS5 (
    "content_text",
    content="attributions"
);
INSERT INTO "articles" VALUES('9ebff4239371737a','drafts/town.txt','A title','The town fell on Monday. Five soldiers were killed. The bridge was closed.','2026-12-02T00:37:23+00:00','0.1.0','en_core_web_sm','3.8.0','r1',1);
INSERT INTO "articles" VALUES('a4891d132045f907','drafts/border.txt','A title','Officials said the border would reopen. The mayor resigned.','2026-12-02T00:37:23+00:00','0.1.0','en_core_web_sm','3.8.0','r1',1);
INSERT INTO "articles" VALUES('aca644825e3391bf','drafts/town.txt','A title','The town fell on Monday. Six soldiers were killed. The bridge was closed.','2026-12-02T00:37:23+00:00','0.1.0','en_core_web_sm','3.8.0','r1',2);
INSERT INTO "attributions" VALUES('a4891d132045f907:a1','a4891d132045f907','indirect',15,38,'the border would reopen','[{"start": 15, "end": 38, "text": "the border would reopen"}]',10,14,'said','say','neutral','verb.neutral','[{"start": 10, "end": 14, "text": "said", "lemma": "say", "stance": "neutral", "rule": "verb.neutral"}]',0,9,'Officials',1,1,'vague-head',0.6,'["verb.neutral", "vague.officials"]');
INSERT INTO "claims" VALUES('0734d5f319bbb73e','9ebff4239371737a',0,24,'The town fell on Monday.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('17486b6ff6c9c441','9ebff4239371737a',25,51,'Five soldiers were killed.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('83d94b4cf0aa9838','9ebff4239371737a',52,74,'The bridge was closed.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('9b91f8138282214e','a4891d132045f907',0,39,'Officials said the border would reopen.','attributed','a4891d132045f907:a1',1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('377f975541b7aeb6','a4891d132045f907',40,59,'The mayor resigned.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('dcedda9174e27c1e','aca644825e3391bf',0,24,'The town fell on Monday.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('081b987b0d768b89','aca644825e3391bf',25,50,'Six soldiers were killed.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('c002fadb70dc21a0','aca644825e3391bf',51,73,'The bridge was closed.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "reviews" VALUES(1,'17486b6ff6c9c441','needs-source','how many?','ann','2026-12-02T00:37:23+00:00');
INSERT INTO "reviews" VALUES(2,'83d94b4cf0aa9838','acceptable',NULL,'ann','2026-12-02T00:37:23+00:00');
INSERT INTO "reviews" VALUES(3,'377f975541b7aeb6','false-positive',NULL,'bob','2026-12-02T00:37:23+00:00');
INSERT INTO "reviews" VALUES(4,'081b987b0d768b89','skip',NULL,'ann','2026-12-02T00:37:23+00:00');
INSERT INTO "runs" VALUES(1,'2026-12-02T00:37:23+00:00','2026-12-02T00:37:23+00:00','0.1.0','en_core_web_sm','3.8.0','r1','provenance check drafts/',2,0);
INSERT INTO "runs" VALUES(2,'2026-12-02T00:37:23+00:00','2026-12-02T00:37:23+00:00','0.1.0','en_core_web_sm','3.8.0','r1','provenance check drafts/town.txt',1,0);
INSERT INTO "sources" VALUES(1,'officials','unnamed','vague.officials');
CREATE INDEX articles_run_id ON articles (run_id);
CREATE INDEX attributions_article_id ON attributions (article_id);
CREATE INDEX attributions_source_id ON attributions (source_id);
CREATE INDEX claims_article_id ON claims (article_id);
CREATE INDEX claims_attribution_id ON claims (attribution_id);
CREATE INDEX reviews_claim_id ON reviews (claim_id);
CREATE VIEW latest_reviews AS
  SELECT r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at FROM reviews r
  WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id);
CREATE VIEW flagged_claims AS
  SELECT c.id, c.article_id, a.title AS article_title, c.text, c.status, c.checkworthiness,
         c.reasons, l.verdict AS latest_verdict
  FROM claims c JOIN articles a ON a.id = c.article_id
  LEFT JOIN latest_reviews l ON l.claim_id = c.id
  WHERE c.status IN ('unattributed', 'vague') AND (l.verdict IS NULL OR l.verdict = 'skip')
  ORDER BY c.checkworthiness DESC, c.article_id, c.start;
CREATE VIEW source_summary AS
  SELECT s.name, s.type, count(t.id) AS statements, count(DISTINCT t.article_id) AS articles
  FROM sources s JOIN attributions t ON t.source_id = s.id
  GROUP BY s.id ORDER BY statements DESC, s.name, s.type;
CREATE TRIGGER "claims_ai" AFTER INSERT ON "claims" BEGIN
  INSERT INTO "claims_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "claims_ad" AFTER DELETE ON "claims" BEGIN
  INSERT INTO "claims_fts" ("claims_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
END;
CREATE TRIGGER "claims_au" AFTER UPDATE ON "claims" BEGIN
  INSERT INTO "claims_fts" ("claims_fts", rowid, "text") VALUES('delete', old.rowid, old."text");
  INSERT INTO "claims_fts" (rowid, "text") VALUES (new.rowid, new."text");
END;
CREATE TRIGGER "attributions_ai" AFTER INSERT ON "attributions" BEGIN
  INSERT INTO "attributions_fts" (rowid, "content_text") VALUES (new.rowid, new."content_text");
END;
CREATE TRIGGER "attributions_ad" AFTER DELETE ON "attributions" BEGIN
  INSERT INTO "attributions_fts" ("attributions_fts", rowid, "content_text") VALUES('delete', old.rowid, old."content_text");
END;
CREATE TRIGGER "attributions_au" AFTER UPDATE ON "attributions" BEGIN
  INSERT INTO "attributions_fts" ("attributions_fts", rowid, "content_text") VALUES('delete', old.rowid, old."content_text");
  INSERT INTO "attributions_fts" (rowid, "content_text") VALUES (new.rowid, new."content_text");
END;
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
INSERT INTO attributions_fts (attributions_fts) VALUES ('rebuild');
PRAGMA user_version = 1;
