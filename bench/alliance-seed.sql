-- Seeds the bench alliance for `bench/run.sh alliance`: a public alliance with 1,000 members (the 1,000 largest
-- municipalities, joined on days spread over 2019–2024) and
-- 100 open appeals of its organisation that it runs. alliance_stats is left empty: the first page render rolls it up.
CREATE TEMPORARY TABLE IF NOT EXISTS bench_digit (d INT PRIMARY KEY);
INSERT IGNORE INTO bench_digit VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
INSERT INTO organiser (name, kind, contact_email, created_at, updated_at)
VALUES ('Bench-Bündnisorganisation', 'ASSOCIATION', 'bench@example.org', NOW(6), NOW(6));
SET @org = LAST_INSERT_ID();
INSERT INTO alliance (organiser_id, slug, name, description, contact_name, contact_email, public_page, created_at,
                      updated_at)
VALUES (@org, 'bench-buendnis', 'Benchmark-Bündnis', 'Ein Bündnis mit 1.000 Mitgliedern und 100 Aufrufen.',
        'Geschäftsstelle', 'bench@example.org', TRUE, NOW(6), NOW(6));
SET @alliance = LAST_INSERT_ID();
INSERT INTO alliance_member (alliance_id, municipality_ags, gebietsstand, joined_on, basis, created_at, updated_at)
SELECT @alliance, ags, gebietsstand, DATE('2019-06-14') + INTERVAL (rn * 2) DAY, CONCAT('Ratsbeschluss Nr. ', rn),
       NOW(6), NOW(6)
  FROM (SELECT ags, gebietsstand, ROW_NUMBER() OVER (ORDER BY population DESC, ags) AS rn
          FROM municipality WHERE active) x
 WHERE rn <= 1000;
INSERT INTO appeal (organiser_id, slug, title, addressee, body_markdown, contact_email, opens_at, deadline,
                    grace_seconds, status, allowed_roles, publish_names, goal, created_at, updated_at, version)
SELECT @org, CONCAT('bench-buendnis-aufruf-', n.n), CONCAT('Aufruf Nummer ', n.n, ' des Benchmark-Bündnisses'),
       'an alle', 'Text des Aufrufs.', 'bench@example.org', NOW(6) - INTERVAL 1 DAY, NOW(6) + INTERVAL (n.n + 1) DAY,
       86400, 'OPEN', 'COUNCILLOR,MAYOR,OTHER', TRUE, NULL, NOW(6), NOW(6), 0
  FROM (SELECT a.d + 10 * b.d AS n FROM bench_digit a, bench_digit b) n;
INSERT INTO alliance_appeal (alliance_id, appeal_id, linked_at)
SELECT @alliance, id, NOW(6) FROM appeal WHERE organiser_id = @org;
