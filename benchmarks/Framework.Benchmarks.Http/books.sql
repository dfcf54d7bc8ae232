-- The data of benchmarks/http.sh's books scenario, in the tables samples/WebApi creates at its first start (and in
-- place of the few rows it seeds there): 200 authors, 50 tags, 2,000 books (10 per author, every tenth without a year)
-- and 6,000 book_tags rows (1 to 5 tags a book, 3 on average). Every value follows from the row's number, so every
-- run and both contenders read the same rows.
TRUNCATE book_tags, books, authors, tags RESTART IDENTITY;
INSERT INTO authors (id, name)
SELECT g, (ARRAY['Ada', 'Alan', 'Barbara', 'Claude', 'Donald', 'Edsger', 'Frances', 'Grace', 'Hedy', 'Ivan', 'Joan', 'Ken',
                 'Leslie', 'Margaret', 'Niklaus', 'Ole', 'Radia', 'Shafi', 'Tim', 'Whitfield'])[1 + (g - 1) % 20] || ' ' ||
          (ARRAY['Lovelace', 'Turing', 'Liskov', 'Shannon', 'Knuth', 'Dijkstra', 'Allen', 'Hopper', 'Lamarr', 'Sutherland',
                 'Clarke', 'Thompson', 'Lamport', 'Hamilton', 'Wirth', 'Dahl', 'Perlman', 'Goldwasser', 'Berners-Lee', 'Diffie'])[1 + ((g - 1) / 20 + (g - 1)) % 20]
FROM generate_series(1, 200) AS g;
INSERT INTO tags (id, name)
SELECT g, (ARRAY['science', 'historical', 'literary', 'crime', 'comic', 'gothic', 'epic', 'urban', 'cosy', 'hard'])[1 + (g - 1) % 10] || '-' ||
          (ARRAY['fiction', 'fantasy', 'mystery', 'horror', 'drama'])[1 + (g - 1) / 10]
FROM generate_series(1, 50) AS g;
INSERT INTO books (id, title, year, author_id)
SELECT g, 'The ' || (ARRAY['Silent', 'Broken', 'Last', 'Hidden', 'Burning', 'Distant', 'Iron', 'Glass', 'Hollow', 'Crimson', 'Winter',
                           'Lost', 'Golden', 'Forgotten', 'Endless', 'Quiet', 'Wandering', 'Shattered', 'Northern', 'Secret', 'Long',
                           'Pale', 'Final'])[1 + g % 23] || ' ' ||
          (ARRAY['River', 'Kingdom', 'Machine', 'Garden', 'Tower', 'Harbour', 'Library', 'Archive', 'Signal', 'Engine', 'Orchard',
                 'Lantern', 'Compass', 'Empire', 'Mirror', 'Bridge', 'Station', 'Island', 'Forest', 'City', 'Letter', 'Voyage',
                 'Winter', 'Crown', 'Map', 'Clock', 'Storm', 'Shore', 'Door'])[1 + g % 29],
       CASE WHEN g % 10 = 0 THEN NULL ELSE 1900 + g % 125 END, 1 + g * 37 % 200
FROM generate_series(1, 2000) AS g;
INSERT INTO book_tags (book_id, tag_id)
SELECT g, 1 + (g * 13 + j * 17) % 50 FROM generate_series(1, 2000) AS g, generate_series(0, 4) AS j WHERE j <= g * 7 % 5;
SELECT setval('authors_id_seq', 200), setval('tags_id_seq', 50), setval('books_id_seq', 2000);
VACUUM ANALYZE authors, tags, books, book_tags;
