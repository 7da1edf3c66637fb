-- Seeds confirmed signatures for the bench appeal (variables @appeal, @from, @to set by bench/appeal-page.sh):
-- numbers @from..@to-1 spread over the 5,000 largest municipalities, 70 % on an official domain, 30 % e-mail only.
CREATE TEMPORARY TABLE IF NOT EXISTS bench_digit (d INT PRIMARY KEY);
INSERT IGNORE INTO bench_digit VALUES (0), (1), (2), (3), (4), (5), (6), (7), (8), (9);
CREATE TEMPORARY TABLE IF NOT EXISTS bench_place (rn INT PRIMARY KEY, ags CHAR(8) NOT NULL);
INSERT IGNORE INTO bench_place (rn, ags)
SELECT rn, ags FROM (SELECT ags, ROW_NUMBER() OVER (ORDER BY population DESC, ags) AS rn
                       FROM municipality WHERE active) x WHERE rn <= 5000;
INSERT INTO signature (appeal_id, status, email, email_key, name, role, municipality_ags, public_name,
                       privacy_version, privacy_consent_at, language, appeal_text_hash, trust, mails_sent,
                       submitted_at, confirmed_at, created_at, updated_at)
SELECT @appeal, 'CONFIRMED', CONCAT('b', n.n, '@bench.example'), CONCAT('b', n.n, '@bench.example'),
       CONCAT('Person ', n.n), 'COUNCILLOR', p.ags, TRUE, 'bench', NOW(6), 'de', REPEAT('a', 64),
       IF(n.n % 10 < 7, 'OFFICIAL_DOMAIN', 'EMAIL_ONLY'), 1, NOW(6), NOW(6), NOW(6), NOW(6)
  FROM (SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d AS n
          FROM bench_digit a, bench_digit b, bench_digit c, bench_digit e, bench_digit f, bench_digit g) n
  JOIN bench_place p ON p.rn = n.n % 5000 + 1
 WHERE n.n >= @from AND n.n < @to;
