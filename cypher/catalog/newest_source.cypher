// How current the graph is: how many sources it holds and the newest of them by the day it was
// published, written to the precision the source gives (a year, a month or a day).
MATCH (s:Source)
WITH count(s) AS sources, max(s.published) AS newest
OPTIONAL MATCH (s:Source)
WHERE s.published = newest
WITH sources, s
ORDER BY CASE s.published_precision WHEN 'day' THEN 0 WHEN 'month' THEN 1 ELSE 2 END, s.id
LIMIT 1
RETURN sources, s.id AS id, s.title AS title,
       CASE s.published_precision
         WHEN 'year' THEN left(toString(s.published), 4)
         WHEN 'month' THEN left(toString(s.published), 7)
         ELSE toString(s.published)
       END AS published
