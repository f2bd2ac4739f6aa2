CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT, command TEXT,
  articles_checked INTEGER, articles_failed INTEGER, scope TEXT, conventions TEXT,
  articles_reused INTEGER, status TEXT);
CREATE TABLE articles (
  id TEXT PRIMARY KEY, path TEXT, title TEXT, text TEXT NOT NULL, analyzed_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT,
  run_id INTEGER REFERENCES runs(id), version TEXT, scope TEXT, conventions TEXT,
  author TEXT, published TEXT, site TEXT, url TEXT, source_digest TEXT, extractor TEXT);
CREATE TABLE article_versions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  version TEXT NOT NULL, checked_at TEXT NOT NULL, run_id INTEGER REFERENCES runs(id));
CREATE TABLE sources (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, rule TEXT, key TEXT,
  statements INTEGER NOT NULL DEFAULT 0, articles INTEGER NOT NULL DEFAULT 0, UNIQUE (name, type));
CREATE TABLE attributions (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  kind TEXT NOT NULL, content_start INTEGER, content_end INTEGER, content_text TEXT,
  content_spans TEXT, cue_start INTEGER, cue_end INTEGER, cue_text TEXT, cue_lemma TEXT,
  cue_stance TEXT, cue_rule TEXT, cues TEXT, source_start INTEGER, source_end INTEGER,
  source_text TEXT, source_id INTEGER REFERENCES sources(id), vague INTEGER NOT NULL,
  resolved_by TEXT, confidence REAL, rules TEXT, speaker_rule TEXT, speaker_name TEXT, speaker_type TEXT);
CREATE TABLE claims (
  id TEXT PRIMARY KEY, article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, status TEXT NOT NULL,
  attribution_id TEXT REFERENCES attributions(id) ON DELETE SET NULL,
  checkworthiness REAL, reasons TEXT);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY AUTOINCREMENT, claim_id TEXT NOT NULL,
  verdict TEXT CHECK (verdict IS NULL OR verdict IN ('needs-source', 'acceptable', 'false-positive', 'skip')),
  note TEXT, reviewer TEXT, reviewed_at TEXT NOT NULL,
  article_id TEXT, article_version TEXT, claim_text TEXT,
  undoes INTEGER REFERENCES reviews(id));
CREATE TABLE claim_counts (status TEXT PRIMARY KEY, claims INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE source_corrections (
  id INTEGER PRIMARY KEY AUTOINCREMENT, action TEXT NOT NULL CHECK (action IN ('merge', 'rename', 'set-type')),
  source_key TEXT NOT NULL, value TEXT NOT NULL, note TEXT, reviewer TEXT, corrected_at TEXT NOT NULL);
CREATE VIRTUAL TABLE "claims_fts" USING FTS5 (
    "text",
    content="claims"
);
CREATE VIRTUAL TABLE "attributions_fts" USING FTS5 (
    "content_text",
    content="attributions"
);
INSERT INTO "article_versions" VALUES(1,'drafts/town.txt','9ebff4239371737a','2026-12-02T04:03:07+00:00',1);
INSERT INTO "article_versions" VALUES(2,'drafts/border.txt','a4891d132045f907','2026-12-02T04:03:07+00:00',1);
INSERT INTO "article_versions" VALUES(3,'drafts/mayor.txt','26fed947f3bc9d54','2026-12-02T04:03:07+00:00',1);
INSERT INTO "article_versions" VALUES(4,'pages/ponts.html','18dcbce9ab9ab1d9','2026-12-02T04:03:07+00:00',1);
INSERT INTO "article_versions" VALUES(5,'drafts/town.txt','aca644825e3391bf','2026-12-02T04:03:07+00:00',2);
INSERT INTO "articles" VALUES('drafts/town.txt','drafts/town.txt','A title','The town fell on Monday. Six soldiers were killed. The bridge was closed.','2026-12-02T04:03:07+00:00','0.2.0','en_core_web_sm','3.8.0','r2',2,'aca644825e3391bf','speech','check',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "articles" VALUES('drafts/border.txt','drafts/border.txt','A title','Officials said the border would reopen. The mayor resigned.','2026-12-02T04:03:07+00:00','0.2.0','en_core_web_sm','3.8.0','r2',1,'a4891d132045f907','speech','check',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "articles" VALUES('drafts/mayor.txt','drafts/mayor.txt','A title','The war is over the mayor said.','2026-12-02T04:03:07+00:00','0.2.0','en_core_web_sm','3.8.0','r2',1,'26fed947f3bc9d54','speech','check',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "articles" VALUES('pages/ponts.html','pages/ponts.html','Ponts','“Nous résisterons,” the général said, adding: “Toujours.” Les ponts sont coupés.','2026-12-02T04:03:07+00:00','0.3.0','en_core_web_sm','3.8.0','r3',1,'18dcbce9ab9ab1d9','speech','check','Ana Ruiz','2021-03-04','Le Courrier','https://example.org/ponts','0123456789abcdef','trafilatura');
INSERT INTO "attributions" VALUES('drafts/border.txt:a1','drafts/border.txt','indirect',15,38,'the border would reopen','[{"start": 15, "end": 38, "text": "the border would reopen"}]',10,14,'said','say','neutral','verb.neutral','[{"start": 10, "end": 14, "text": "said", "lemma": "say", "stance": "neutral", "rule": "verb.neutral"}]',0,9,'Officials',663012639004834318,1,'vague-head',0.6,'["verb.neutral", "vague.officials"]','vague.officials','officials','unnamed');
INSERT INTO "attributions" VALUES('drafts/mayor.txt:a1','drafts/mayor.txt','indirect',0,8,'The war ','[{"start": 0, "end": 8, "text": "The war "}]',9,13,'said','say','neutral','verb.neutral','[{"start": 9, "end": 13, "text": "said", "lemma": "say", "stance": "neutral", "rule": "verb.neutral"}]',14,23,'r the may',71686057176032684,0,'title',0.9,'["verb.neutral"]','source.mayor','the mayor','official');
INSERT INTO "attributions" VALUES('pages/ponts.html:a1','pages/ponts.html','direct',0,57,'“Nous résisterons,” … “Toujours.”','[{"start": 0, "end": 19, "text": "“Nous résisterons,”"}, {"start": 46, "end": 57, "text": "“Toujours.”"}]',32,36,'said','say','neutral','verb.say','[{"start": 32, "end": 36, "text": "said", "lemma": "say", "stance": "neutral", "rule": "verb.say"}, {"start": 38, "end": 44, "text": "adding", "lemma": "add", "stance": "neutral", "rule": "verb.add"}]',20,31,'the général',71686057176032684,0,'title',0.9,'["quote.direct", "source.general"]','source.general','the général','military');
INSERT INTO "claim_counts" VALUES('attributed',2);
INSERT INTO "claim_counts" VALUES('unattributed',5);
INSERT INTO "claim_counts" VALUES('vague',1);
INSERT INTO "claims" VALUES('d0955a9080a35e97','drafts/border.txt',0,39,'Officials said the border would reopen.','vague','drafts/border.txt:a1',1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('23c2a38a6aab7d85','drafts/border.txt',40,59,'The mayor resigned.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('3d5506d4e8dbddd0','drafts/mayor.txt',0,31,'The war is over the mayor said.','attributed','drafts/mayor.txt:a1',1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('b0f96e54c41caafd','pages/ponts.html',0,57,'“Nous résisterons,” the général said, adding: “Toujours.”','attributed','pages/ponts.html:a1',0.5,'["claim.named"]');
INSERT INTO "claims" VALUES('cbe531f640bd7e7a','pages/ponts.html',58,80,'Les ponts sont coupés.','unattributed',NULL,2.0,'["claim.event"]');
INSERT INTO "claims" VALUES('8b2742ef185e064b','drafts/town.txt',0,24,'The town fell on Monday.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('01ecb52284083ec4','drafts/town.txt',25,50,'Six soldiers were killed.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claims" VALUES('8dd2cdb8b0986be7','drafts/town.txt',51,73,'The bridge was closed.','unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "reviews" VALUES(1,'276d43738f790e9b','needs-source','how many?','ann','2026-12-02T04:03:07+00:00','drafts/town.txt','9ebff4239371737a','Five soldiers were killed.',NULL);
INSERT INTO "reviews" VALUES(2,'8dd2cdb8b0986be7','acceptable',NULL,'ann','2026-12-02T04:03:07+00:00','drafts/town.txt','9ebff4239371737a','The bridge was closed.',NULL);
INSERT INTO "reviews" VALUES(3,'23c2a38a6aab7d85','false-positive',NULL,'bob','2026-12-02T04:03:07+00:00','drafts/border.txt','a4891d132045f907','The mayor resigned.',NULL);
INSERT INTO "reviews" VALUES(4,'23c2a38a6aab7d85',NULL,NULL,'bob','2026-12-02T04:03:07+00:00','drafts/border.txt','a4891d132045f907','The mayor resigned.',3);
INSERT INTO "reviews" VALUES(5,'cbe531f640bd7e7a','needs-source','qui le dit ?','ann','2026-12-02T04:03:07+00:00','pages/ponts.html','18dcbce9ab9ab1d9','Les ponts sont coupés.',NULL);
INSERT INTO "reviews" VALUES(6,'8b2742ef185e064b','skip',NULL,'ann','2026-12-02T04:03:07+00:00','drafts/town.txt','aca644825e3391bf','The town fell on Monday.',NULL);
INSERT INTO "runs" VALUES(1,'2026-12-02T04:03:07+00:00','2026-12-02T04:03:07+00:00','0.3.0','en_core_web_sm','3.8.0','r3','provenance check drafts/ pages/',4,0,'speech','check',0,'finished');
INSERT INTO "runs" VALUES(2,'2026-12-02T04:03:07+00:00','2026-12-02T04:03:07+00:00','0.3.0','en_core_web_sm','3.8.0','r3','provenance check drafts/town.txt',1,0,'speech','check',0,'finished');
INSERT INTO "source_corrections" VALUES(1,'merge','mayor','general','one person here','bob','2026-12-02T04:03:07+00:00');
INSERT INTO "sources" VALUES(71686057176032684,'the général','person','source.general','general',2,2);
INSERT INTO "sources" VALUES(663012639004834318,'officials','unnamed','vague.officials','officials',1,1);
CREATE INDEX articles_run_id ON articles (run_id);
CREATE INDEX article_versions_article_id ON article_versions (article_id);
CREATE INDEX article_versions_run_id ON article_versions (run_id);
CREATE INDEX attributions_article_id ON attributions (article_id);
CREATE INDEX claims_article_id ON claims (article_id);
CREATE INDEX claims_attribution_id ON claims (attribution_id);
CREATE INDEX reviews_claim_id ON reviews (claim_id);
CREATE INDEX reviews_undoes ON reviews (undoes);
CREATE VIEW latest_reviews AS
  SELECT r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at FROM reviews r
  WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id);
CREATE VIEW flagged_claims AS
  SELECT c.id, c.article_id, a.title AS article_title, c.text, c.status, c.checkworthiness,
         c.reasons, l.verdict AS latest_verdict, a.path AS article_path
  FROM claims c JOIN articles a ON a.id = c.article_id
  LEFT JOIN latest_reviews l ON l.claim_id = c.id
  WHERE c.status IN ('unattributed', 'vague') AND (l.verdict IS NULL OR l.verdict = 'skip')
  ORDER BY c.checkworthiness DESC, c.article_id, c.start;
CREATE VIEW source_summary AS
  SELECT s.name, s.type, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW source_entities AS
  SELECT s.id, s.key, s.name, s.type, s.rule, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW review_log AS
  SELECT r.id, r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at, r.undoes,
         r.article_id, a.path AS article_path, r.article_version,
         coalesce(c.text, r.claim_text) AS claim_text, c.status AS claim_status,
         c.id IS NULL AS earlier_version
  FROM reviews r LEFT JOIN claims c ON c.id = r.claim_id LEFT JOIN articles a ON a.id = r.article_id
  ORDER BY r.id;
CREATE INDEX source_corrections_key ON source_corrections (source_key);
CREATE UNIQUE INDEX sources_key ON sources (key);
CREATE INDEX claims_queue ON claims (checkworthiness DESC, article_id, start, status)
  WHERE status IN ('unattributed', 'vague');
CREATE INDEX articles_path ON articles (path);
CREATE INDEX attributions_source_article ON attributions (source_id, article_id);
CREATE INDEX sources_rank ON sources (statements DESC, name, type);
CREATE TRIGGER claim_counts_insert AFTER INSERT ON claims BEGIN
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END;
CREATE TRIGGER claim_counts_delete AFTER DELETE ON claims BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status; END;
CREATE TRIGGER claim_counts_update AFTER UPDATE OF status ON claims WHEN new.status IS NOT old.status BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status;
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END;
CREATE TRIGGER source_counts_insert AFTER INSERT ON attributions WHEN new.source_id IS NOT NULL BEGIN
  UPDATE sources SET statements = statements + 1, articles = articles + NOT EXISTS (
    SELECT 1 FROM attributions WHERE source_id = new.source_id AND article_id = new.article_id
    AND rowid <> new.rowid) WHERE id = new.source_id; END;
CREATE TRIGGER source_counts_delete AFTER DELETE ON attributions WHEN old.source_id IS NOT NULL BEGIN
  UPDATE sources SET statements = statements - 1, articles = articles - NOT EXISTS (
    SELECT 1 FROM attributions WHERE source_id = old.source_id AND article_id = old.article_id)
    WHERE id = old.source_id; END;
CREATE TRIGGER source_counts_update AFTER UPDATE OF source_id, article_id ON attributions
  WHEN new.source_id IS NOT old.source_id OR new.article_id IS NOT old.article_id BEGIN
  UPDATE sources SET statements = statements - 1, articles = articles - NOT EXISTS (
    SELECT 1 FROM attributions WHERE source_id = old.source_id AND article_id = old.article_id)
    WHERE id = old.source_id; UPDATE sources SET statements = statements + 1, articles = articles + NOT EXISTS (
    SELECT 1 FROM attributions WHERE source_id = new.source_id AND article_id = new.article_id
    AND rowid <> new.rowid) WHERE id = new.source_id; END;
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
PRAGMA user_version = 4;
