CREATE TABLE runs (
  id INTEGER PRIMARY KEY AUTOINCREMENT, started_at TEXT NOT NULL, finished_at TEXT,
  tool_version TEXT, model TEXT, model_version TEXT, rules_digest TEXT, command TEXT,
  articles_checked INTEGER, articles_failed INTEGER, scope TEXT, conventions TEXT,
  articles_reused INTEGER, status TEXT, pid INTEGER, host TEXT);
CREATE TABLE articles (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT, title TEXT, text TEXT NOT NULL, analyzed_at TEXT,
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
CREATE TABLE attribution_rows (
  key INTEGER PRIMARY KEY, article INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  local TEXT NOT NULL, kind TEXT NOT NULL, content TEXT NOT NULL, cues TEXT NOT NULL,
  source_start INTEGER, source_end INTEGER, source_text TEXT, source_id INTEGER REFERENCES sources(id),
  vague INTEGER NOT NULL, resolved_by TEXT, confidence REAL, rules TEXT, speaker_rule TEXT,
  speaker_name TEXT, speaker_type TEXT, UNIQUE (article, local));
CREATE TABLE claim_rows (
  key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
  article INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT, status TEXT NOT NULL,
  attribution INTEGER REFERENCES attribution_rows(key) ON DELETE SET NULL,
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
CREATE TABLE source_names (
  source_id INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, rules TEXT NOT NULL,
  statements INTEGER NOT NULL, PRIMARY KEY (source_id, name, type, rules)) WITHOUT ROWID;
CREATE VIRTUAL TABLE claims_fts USING fts5 (text, content = 'claims', content_rowid = 'rowid');
CREATE VIRTUAL TABLE attributions_fts USING fts5 (content_text, content = 'attributions', content_rowid = 'rowid');
CREATE TABLE verdicts (
  claim_id TEXT PRIMARY KEY, verdict TEXT NOT NULL, review_id INTEGER NOT NULL, status TEXT,
  checkworthiness REAL, article INTEGER, start INTEGER) WITHOUT ROWID;
CREATE TABLE verdict_counts (
  status TEXT NOT NULL, verdict TEXT NOT NULL, claims INTEGER NOT NULL, PRIMARY KEY (status, verdict)) WITHOUT ROWID;
INSERT INTO "article_versions" VALUES(1,'drafts/town.txt','9ebff4239371737a','2026-12-02T08:00:12+00:00',1);
INSERT INTO "article_versions" VALUES(2,'drafts/border.txt','a4891d132045f907','2026-12-02T08:00:12+00:00',1);
INSERT INTO "article_versions" VALUES(3,'drafts/mayor.txt','26fed947f3bc9d54','2026-12-02T08:00:12+00:00',1);
INSERT INTO "article_versions" VALUES(4,'pages/ponts.html','18dcbce9ab9ab1d9','2026-12-02T08:00:12+00:00',1);
INSERT INTO "article_versions" VALUES(5,'drafts/town.txt','aca644825e3391bf','2026-12-02T08:00:12+00:00',2);
INSERT INTO "article_versions" VALUES(6,'drafts/road.txt','dac4d8e689cd750b','2026-12-02T08:00:12+00:00',3);
INSERT INTO "articles" VALUES(1,'drafts/town.txt','drafts/town.txt','A title','The town fell on Monday. Six soldiers were killed. The bridge was closed.','2026-12-02T08:00:12+00:00','0.2.0','en_core_web_sm','3.8.0','r2',2,'aca644825e3391bf','speech','check',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "articles" VALUES(2,'drafts/border.txt','drafts/border.txt','A title','Officials said the border would reopen. The mayor resigned.','2026-12-02T08:00:12+00:00','0.2.0','en_core_web_sm','3.8.0','r2',1,'a4891d132045f907','speech','check',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "articles" VALUES(3,'drafts/mayor.txt','drafts/mayor.txt','A title','The war is over the mayor said.','2026-12-02T08:00:12+00:00','0.2.0','en_core_web_sm','3.8.0','r2',1,'26fed947f3bc9d54','speech','check',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "articles" VALUES(4,'pages/ponts.html','pages/ponts.html','Ponts','“Nous résisterons,” the général said, adding: “Toujours.” Les ponts sont coupés.','2026-12-02T08:00:12+00:00','0.3.0','en_core_web_sm','3.8.0','r3',1,'18dcbce9ab9ab1d9','speech','check','Ana Ruiz','2021-03-04','Le Courrier','https://example.org/ponts','0123456789abcdef','trafilatura');
INSERT INTO "articles" VALUES(5,'drafts/road.txt','drafts/road.txt','Road','Officials said the road was shut. It reopened.','2026-12-02T08:00:12+00:00','0.3.0','en_core_web_sm','3.8.0','r3',3,'dac4d8e689cd750b','speech','check',NULL,NULL,NULL,NULL,NULL,NULL);
INSERT INTO "attribution_rows" VALUES(1,2,'a1','indirect','[[15,38]]','[[10,14,"say","neutral","verb.neutral"]]',0,9,NULL,663012639004834318,1,'vague-head',0.6,'["verb.neutral","vague.officials"]','vague.officials','officials','unnamed');
INSERT INTO "attribution_rows" VALUES(2,3,'a1','indirect','[[0,8]]','[[9,13,"say","neutral","verb.neutral","said"]]',14,23,NULL,71686057176032684,0,'title',0.9,'["verb.neutral"]','source.mayor','the mayor','official');
INSERT INTO "attribution_rows" VALUES(3,4,'a1','direct','[[0,19],[46,57]]','[[32,36,"say","neutral","verb.say"],[38,44,"add","neutral","verb.add"]]',20,31,NULL,71686057176032684,0,'title',0.9,'["quote.direct","source.general"]','source.general','the général','military');
INSERT INTO "attribution_rows" VALUES(4,5,'a1','indirect','[[15,32]]','[[10,14,"tell","neutral","verb.tell","told"]]',0,9,NULL,663012639004834318,1,'vague-head',0.6,'["verb.tell","link.clause","vague.officials"]','vague.officials','officials','unnamed');
INSERT INTO "claim_counts" VALUES('attributed',2);
INSERT INTO "claim_counts" VALUES('unattributed',6);
INSERT INTO "claim_counts" VALUES('vague',2);
INSERT INTO "claim_rows" VALUES(4,'d0955a9080a35e97',2,0,39,NULL,'vague',1,1.0,'["claim.event"]');
INSERT INTO "claim_rows" VALUES(5,'23c2a38a6aab7d85',2,40,59,NULL,'unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claim_rows" VALUES(6,'3d5506d4e8dbddd0',3,0,31,NULL,'attributed',2,1.0,'["claim.event"]');
INSERT INTO "claim_rows" VALUES(7,'b0f96e54c41caafd',4,0,57,NULL,'attributed',3,0.5,'["claim.named"]');
INSERT INTO "claim_rows" VALUES(8,'cbe531f640bd7e7a',4,58,80,NULL,'unattributed',NULL,2.0,'["claim.event"]');
INSERT INTO "claim_rows" VALUES(9,'8b2742ef185e064b',1,0,24,NULL,'unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claim_rows" VALUES(10,'01ecb52284083ec4',1,25,50,NULL,'unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claim_rows" VALUES(11,'8dd2cdb8b0986be7',1,51,73,NULL,'unattributed',NULL,1.0,'["claim.event"]');
INSERT INTO "claim_rows" VALUES(12,'4438924b4bd8bd87',5,0,33,'Officials told: the road was shut.','vague',4,1.25,'["claim.event","claim.detail"]');
INSERT INTO "claim_rows" VALUES(13,'1c377a08273790d8',5,34,46,NULL,'unattributed',NULL,0.75,'["claim.event"]');
INSERT INTO "reviews" VALUES(1,'276d43738f790e9b','needs-source','how many?','ann','2026-12-02T08:00:12+00:00','drafts/town.txt','9ebff4239371737a','Five soldiers were killed.',NULL);
INSERT INTO "reviews" VALUES(2,'8dd2cdb8b0986be7','acceptable',NULL,'ann','2026-12-02T08:00:12+00:00','drafts/town.txt','9ebff4239371737a','The bridge was closed.',NULL);
INSERT INTO "reviews" VALUES(3,'23c2a38a6aab7d85','false-positive',NULL,'bob','2026-12-02T08:00:12+00:00','drafts/border.txt','a4891d132045f907','The mayor resigned.',NULL);
INSERT INTO "reviews" VALUES(4,'23c2a38a6aab7d85',NULL,NULL,'bob','2026-12-02T08:00:12+00:00','drafts/border.txt','a4891d132045f907','The mayor resigned.',3);
INSERT INTO "reviews" VALUES(5,'cbe531f640bd7e7a','needs-source','qui le dit ?','ann','2026-12-02T08:00:12+00:00','pages/ponts.html','18dcbce9ab9ab1d9','Les ponts sont coupés.',NULL);
INSERT INTO "reviews" VALUES(6,'8b2742ef185e064b','skip',NULL,'ann','2026-12-02T08:00:12+00:00','drafts/town.txt','aca644825e3391bf','The town fell on Monday.',NULL);
INSERT INTO "reviews" VALUES(7,'4438924b4bd8bd87','needs-source',NULL,'ann','2026-12-02T08:00:12+00:00','drafts/road.txt','dac4d8e689cd750b','Officials told: the road was shut.',NULL);
INSERT INTO "runs" VALUES(1,'2026-12-02T08:00:12+00:00','2026-12-02T08:00:12+00:00','0.3.0','en_core_web_sm','3.8.0','r3','provenance check drafts/ pages/',4,0,'speech','check',0,'finished',NULL,NULL);
INSERT INTO "runs" VALUES(2,'2026-12-02T08:00:12+00:00','2026-12-02T08:00:12+00:00','0.3.0','en_core_web_sm','3.8.0','r3','provenance check drafts/town.txt',1,0,'speech','check',0,'finished',NULL,NULL);
INSERT INTO "runs" VALUES(3,'2026-12-02T08:00:12+00:00','2026-12-02T08:00:12+00:00','0.3.0','en_core_web_sm','3.8.0','r3','provenance check drafts/road.txt',1,0,'speech','check',0,'finished',4242,'desk');
INSERT INTO "source_corrections" VALUES(1,'merge','mayor','general','one person here','bob','2026-12-02T08:00:12+00:00');
INSERT INTO "source_names" VALUES(71686057176032684,'the général','military','["source.general"]',1);
INSERT INTO "source_names" VALUES(71686057176032684,'the mayor','official','[]',1);
INSERT INTO "source_names" VALUES(663012639004834318,'officials','unnamed','[]',2);
INSERT INTO "sources" VALUES(71686057176032684,'the général','person','source.general','general',2,2);
INSERT INTO "sources" VALUES(663012639004834318,'officials','unnamed','vague.officials','officials',2,2);
INSERT INTO "verdict_counts" VALUES('unattributed','acceptable',1);
INSERT INTO "verdict_counts" VALUES('unattributed','false-positive',0);
INSERT INTO "verdict_counts" VALUES('unattributed','needs-source',1);
INSERT INTO "verdict_counts" VALUES('unattributed','skip',1);
INSERT INTO "verdict_counts" VALUES('vague','needs-source',1);
INSERT INTO "verdicts" VALUES('276d43738f790e9b','needs-source',1,NULL,NULL,NULL,NULL);
INSERT INTO "verdicts" VALUES('4438924b4bd8bd87','needs-source',7,'vague',1.25,5,0);
INSERT INTO "verdicts" VALUES('8b2742ef185e064b','skip',6,'unattributed',1.0,1,0);
INSERT INTO "verdicts" VALUES('8dd2cdb8b0986be7','acceptable',2,'unattributed',1.0,1,51);
INSERT INTO "verdicts" VALUES('cbe531f640bd7e7a','needs-source',5,'unattributed',2.0,4,58);
CREATE INDEX claim_rows_article ON claim_rows (article);
CREATE INDEX claim_rows_attribution ON claim_rows (attribution) WHERE attribution IS NOT NULL;
CREATE INDEX articles_run_id ON articles (run_id);
CREATE INDEX article_versions_article_id ON article_versions (article_id);
CREATE INDEX article_versions_run_id ON article_versions (run_id);
CREATE INDEX reviews_claim_id ON reviews (claim_id);
CREATE INDEX reviews_undoes ON reviews (undoes);
CREATE INDEX source_corrections_key ON source_corrections (source_key);
CREATE UNIQUE INDEX sources_key ON sources (key);
CREATE INDEX claims_queue ON claim_rows (checkworthiness DESC, article, start, status)
  WHERE status IN ('unattributed', 'vague');
CREATE INDEX claims_status ON claim_rows (status, checkworthiness DESC, article, start)
  WHERE status IN ('unattributed', 'vague');
CREATE INDEX articles_path ON articles (path);
CREATE INDEX attributions_source_article ON attribution_rows (source_id, article) WHERE source_id IS NOT NULL;
CREATE INDEX sources_rank ON sources (statements DESC, name, type);
CREATE TRIGGER claim_counts_insert AFTER INSERT ON claim_rows BEGIN
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END;
CREATE TRIGGER claim_counts_delete AFTER DELETE ON claim_rows BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status; END;
CREATE TRIGGER claim_counts_update AFTER UPDATE OF status ON claim_rows WHEN new.status IS NOT old.status BEGIN
  UPDATE claim_counts SET claims = claims - 1 WHERE status = old.status;
  INSERT INTO claim_counts (status, claims) VALUES (new.status, 1)
    ON CONFLICT (status) DO UPDATE SET claims = claims + 1; END;
CREATE TRIGGER source_counts_insert AFTER INSERT ON attribution_rows WHEN new.source_id IS NOT NULL BEGIN
  UPDATE sources SET statements = statements + 1, articles = articles + NOT EXISTS (
    SELECT 1 FROM attribution_rows WHERE source_id = new.source_id AND article = new.article
    AND key <> new.key) WHERE id = new.source_id; END;
CREATE TRIGGER source_counts_delete AFTER DELETE ON attribution_rows WHEN old.source_id IS NOT NULL BEGIN
  UPDATE sources SET statements = statements - 1, articles = articles - NOT EXISTS (
    SELECT 1 FROM attribution_rows WHERE source_id = old.source_id AND article = old.article)
    WHERE id = old.source_id; END;
CREATE TRIGGER source_counts_update AFTER UPDATE OF source_id, article ON attribution_rows
  WHEN new.source_id IS NOT old.source_id OR new.article IS NOT old.article BEGIN
  UPDATE sources SET statements = statements - 1, articles = articles - NOT EXISTS (
    SELECT 1 FROM attribution_rows WHERE source_id = old.source_id AND article = old.article)
    WHERE id = old.source_id; UPDATE sources SET statements = statements + 1, articles = articles + NOT EXISTS (
    SELECT 1 FROM attribution_rows WHERE source_id = new.source_id AND article = new.article
    AND key <> new.key) WHERE id = new.source_id; END;
CREATE TRIGGER source_names_insert AFTER INSERT ON attribution_rows BEGIN INSERT INTO source_names (source_id, name, type, rules, statements) SELECT new.source_id, coalesce(new.speaker_name, ''), coalesce(new.speaker_type, ''), (SELECT json_group_array(value) FROM json_each(new.rules) WHERE substr(value, 1, 7) = 'source.'), 1
    WHERE new.source_id IS NOT NULL
    ON CONFLICT (source_id, name, type, rules) DO UPDATE SET statements = statements + 1; END;
CREATE TRIGGER source_names_delete AFTER DELETE ON attribution_rows BEGIN UPDATE source_names SET statements = statements - 1
    WHERE (source_id, name, type, rules) = (SELECT old.source_id, coalesce(old.speaker_name, ''), coalesce(old.speaker_type, ''), (SELECT json_group_array(value) FROM json_each(old.rules) WHERE substr(value, 1, 7) = 'source.'));
  DELETE FROM source_names WHERE (source_id, name, type, rules) = (SELECT old.source_id, coalesce(old.speaker_name, ''), coalesce(old.speaker_type, ''), (SELECT json_group_array(value) FROM json_each(old.rules) WHERE substr(value, 1, 7) = 'source.')) AND statements <= 0; END;
CREATE TRIGGER source_names_update AFTER UPDATE OF source_id, speaker_name, speaker_type, rules
  ON attribution_rows BEGIN UPDATE source_names SET statements = statements - 1
    WHERE (source_id, name, type, rules) = (SELECT old.source_id, coalesce(old.speaker_name, ''), coalesce(old.speaker_type, ''), (SELECT json_group_array(value) FROM json_each(old.rules) WHERE substr(value, 1, 7) = 'source.'));
  DELETE FROM source_names WHERE (source_id, name, type, rules) = (SELECT old.source_id, coalesce(old.speaker_name, ''), coalesce(old.speaker_type, ''), (SELECT json_group_array(value) FROM json_each(old.rules) WHERE substr(value, 1, 7) = 'source.')) AND statements <= 0; INSERT INTO source_names (source_id, name, type, rules, statements) SELECT new.source_id, coalesce(new.speaker_name, ''), coalesce(new.speaker_type, ''), (SELECT json_group_array(value) FROM json_each(new.rules) WHERE substr(value, 1, 7) = 'source.'), 1
    WHERE new.source_id IS NOT NULL
    ON CONFLICT (source_id, name, type, rules) DO UPDATE SET statements = statements + 1; END;
CREATE TRIGGER articles_delete BEFORE DELETE ON articles BEGIN DELETE FROM claim_rows WHERE article = old.key; DELETE FROM attribution_rows WHERE article = old.key; END;
CREATE TRIGGER articles_text BEFORE UPDATE OF text ON articles WHEN new.text IS NOT old.text
  BEGIN DELETE FROM claim_rows WHERE article = old.key; DELETE FROM attribution_rows WHERE article = old.key; END;
CREATE INDEX verdicts_queue ON verdicts (verdict, checkworthiness DESC, article, start)
  WHERE status IN ('unattributed', 'vague');
CREATE INDEX verdicts_gone ON verdicts (verdict, review_id) WHERE status IS NULL;
CREATE TRIGGER verdicts_review_insert AFTER INSERT ON reviews BEGIN
  DELETE FROM verdicts WHERE claim_id = new.claim_id;
  INSERT INTO verdicts (claim_id, verdict, review_id, status, checkworthiness, article, start)
    SELECT r.claim_id, r.verdict, r.id, c.status, c.checkworthiness, c.article, c.start
    FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id
    WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = new.claim_id) AND r.verdict IS NOT NULL; END;
CREATE TRIGGER verdicts_review_delete AFTER DELETE ON reviews BEGIN
  DELETE FROM verdicts WHERE claim_id = old.claim_id;
  INSERT INTO verdicts (claim_id, verdict, review_id, status, checkworthiness, article, start)
    SELECT r.claim_id, r.verdict, r.id, c.status, c.checkworthiness, c.article, c.start
    FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id
    WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = old.claim_id) AND r.verdict IS NOT NULL; END;
CREATE TRIGGER verdicts_review_update AFTER UPDATE ON reviews BEGIN
  DELETE FROM verdicts WHERE claim_id = old.claim_id;
  INSERT INTO verdicts (claim_id, verdict, review_id, status, checkworthiness, article, start)
    SELECT r.claim_id, r.verdict, r.id, c.status, c.checkworthiness, c.article, c.start
    FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id
    WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = old.claim_id) AND r.verdict IS NOT NULL; DELETE FROM verdicts WHERE claim_id = new.claim_id;
  INSERT INTO verdicts (claim_id, verdict, review_id, status, checkworthiness, article, start)
    SELECT r.claim_id, r.verdict, r.id, c.status, c.checkworthiness, c.article, c.start
    FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id
    WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = new.claim_id) AND r.verdict IS NOT NULL; END;
CREATE TRIGGER verdicts_claim_insert AFTER INSERT ON claim_rows BEGIN
  UPDATE verdicts SET status = new.status, checkworthiness = new.checkworthiness, article = new.article, start = new.start WHERE claim_id = new.id; END;
CREATE TRIGGER verdicts_claim_delete AFTER DELETE ON claim_rows BEGIN
  UPDATE verdicts SET status = NULL, checkworthiness = NULL, article = NULL, start = NULL WHERE claim_id = old.id; END;
CREATE TRIGGER verdicts_claim_update AFTER UPDATE OF id, status, checkworthiness, article, start ON claim_rows BEGIN
  UPDATE verdicts SET status = NULL, checkworthiness = NULL, article = NULL, start = NULL WHERE claim_id = old.id;
  UPDATE verdicts SET status = new.status, checkworthiness = new.checkworthiness, article = new.article, start = new.start WHERE claim_id = new.id; END;
CREATE TRIGGER verdict_counts_insert AFTER INSERT ON verdicts BEGIN
  INSERT INTO verdict_counts (status, verdict, claims) SELECT new.status, new.verdict, 1
    WHERE new.status IS NOT NULL ON CONFLICT (status, verdict) DO UPDATE SET claims = claims + 1; END;
CREATE TRIGGER verdict_counts_delete AFTER DELETE ON verdicts BEGIN
  INSERT INTO verdict_counts (status, verdict, claims) SELECT old.status, old.verdict, -1
    WHERE old.status IS NOT NULL ON CONFLICT (status, verdict) DO UPDATE SET claims = claims + -1; END;
CREATE TRIGGER verdict_counts_update AFTER UPDATE OF status, verdict ON verdicts BEGIN
  INSERT INTO verdict_counts (status, verdict, claims) SELECT old.status, old.verdict, -1
    WHERE old.status IS NOT NULL ON CONFLICT (status, verdict) DO UPDATE SET claims = claims + -1; INSERT INTO verdict_counts (status, verdict, claims) SELECT new.status, new.verdict, 1
    WHERE new.status IS NOT NULL ON CONFLICT (status, verdict) DO UPDATE SET claims = claims + 1; END;
CREATE VIEW claims AS
  SELECT r.key AS rowid, r.id, a.id AS article_id, r.start, r."end", coalesce(r.text, substr(a.text, r.start + 1, r.[end] - r.start)) AS text, r.status,
         a.id || ':' || t.local AS attribution_id, r.checkworthiness, r.reasons
  FROM claim_rows r JOIN articles a ON a.key = r.article LEFT JOIN attribution_rows t ON t.key = r.attribution;
CREATE VIEW attributions AS
  SELECT t.key AS rowid, a.id || ':' || t.local AS id, a.id AS article_id, t.kind,
         json_extract(t.content, '$[0][0]') AS content_start, json_extract(t.content, '$[#-1][1]') AS content_end,
         coalesce((SELECT group_concat(coalesce(json_extract(j.value, '$[2]'), substr(a.text, json_extract(j.value, '$[0]') + 1, json_extract(j.value, '$[1]') - json_extract(j.value, '$[0]'))), ' … ') FROM json_each(t.content) j), '')
           AS content_text,
         (SELECT json_group_array(json_object('start', json_extract(j.value, '$[0]'), 'end', json_extract(j.value, '$[1]'), 'text', coalesce(json_extract(j.value, '$[2]'), substr(a.text, json_extract(j.value, '$[0]') + 1, json_extract(j.value, '$[1]') - json_extract(j.value, '$[0]'))))) FROM json_each(t.content) j) AS content_spans,
         json_extract(t.cues, '$[0][0]') AS cue_start, json_extract(t.cues, '$[0][1]') AS cue_end,
         coalesce(json_extract(t.cues, '$[0][5]'),
                  substr(a.text, json_extract(t.cues, '$[0][0]') + 1, json_extract(t.cues, '$[0][1]') - json_extract(t.cues, '$[0][0]'))) AS cue_text,
         json_extract(t.cues, '$[0][2]') AS cue_lemma, json_extract(t.cues, '$[0][3]') AS cue_stance,
         json_extract(t.cues, '$[0][4]') AS cue_rule, (SELECT json_group_array(json_object('start', json_extract(j.value, '$[0]'), 'end', json_extract(j.value, '$[1]'), 'text', coalesce(json_extract(j.value, '$[5]'), substr(a.text, json_extract(j.value, '$[0]') + 1, json_extract(j.value, '$[1]') - json_extract(j.value, '$[0]'))), 'lemma', json_extract(j.value, '$[2]'), 'stance', json_extract(j.value, '$[3]'), 'rule', json_extract(j.value, '$[4]'))) FROM json_each(t.cues) j) AS cues,
         t.source_start, t.source_end,
         CASE WHEN t.source_start IS NOT NULL
              THEN coalesce(t.source_text, substr(a.text, t.source_start + 1, t.source_end - t.source_start)) END AS source_text,
         t.source_id, t.vague, t.resolved_by, t.confidence, t.rules, t.speaker_rule, t.speaker_name, t.speaker_type
  FROM attribution_rows t JOIN articles a ON a.key = t.article;
CREATE VIEW latest_reviews AS
  SELECT r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at FROM reviews r
  WHERE r.id = (SELECT max(id) FROM reviews WHERE claim_id = r.claim_id);
CREATE VIEW flagged_claims AS
  SELECT c.id, a.id AS article_id, a.title AS article_title, coalesce(c.text, substr(a.text, c.start + 1, c.[end] - c.start)) AS text, c.status,
         c.checkworthiness, c.reasons, l.verdict AS latest_verdict, a.path AS article_path
  FROM claim_rows c INDEXED BY claims_queue JOIN articles a ON a.key = c.article
  LEFT JOIN latest_reviews l ON l.claim_id = c.id
  WHERE c.status IN ('unattributed', 'vague') AND (l.verdict IS NULL OR l.verdict = 'skip')
  ORDER BY c.checkworthiness DESC, c.article, c.start;
CREATE VIEW source_summary AS
  SELECT s.name, s.type, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW source_entities AS
  SELECT s.id, s.key, s.name, s.type, s.rule, s.statements, s.articles FROM sources s
  WHERE s.statements > 0 ORDER BY s.statements DESC, s.name, s.type;
CREATE VIEW review_log AS
  SELECT r.id, r.claim_id, r.verdict, r.note, r.reviewer, r.reviewed_at, r.undoes,
         r.article_id, p.path AS article_path, r.article_version,
         CASE WHEN c.key IS NULL THEN r.claim_text ELSE coalesce(c.text, substr(a.text, c.start + 1, c.[end] - c.start)) END AS claim_text,
         c.status AS claim_status, c.key IS NULL AS earlier_version
  FROM reviews r LEFT JOIN claim_rows c ON c.id = r.claim_id LEFT JOIN articles a ON a.key = c.article
  LEFT JOIN articles p ON p.id = r.article_id
  ORDER BY r.id;
INSERT INTO claims_fts (rowid, text) SELECT rowid, text FROM claims;
INSERT INTO attributions_fts (rowid, content_text) SELECT rowid, content_text FROM attributions;
PRAGMA user_version = 5;
