-- Survey results at 500,000 answers (benches/survey.rs): the segment figures joined every answered
-- response to its customer (thousands of random reads of wide customer rows, ~30 ms). A response
-- now keeps the customer's grade, region and store as they were when it was sent (a survey's
-- results do not shift when a customer is regraded later), so results read one covering index.
-- The response list pages in number order within a campaign (and state) through its own index.
ALTER TABLE survey_response ADD COLUMN customer_grade TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_response ADD COLUMN customer_region TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_response ADD COLUMN customer_store_id INTEGER REFERENCES store (id);
UPDATE survey_response SET customer_grade = c.grade, customer_region = c.region, customer_store_id = c.source_store_id
FROM customer c WHERE c.id = survey_response.customer_id;

DROP INDEX survey_response_campaign;
CREATE INDEX survey_response_results ON survey_response (campaign_id, state, customer_grade, customer_region,
    customer_store_id, csat_answers, csat_satisfied, csat_points, nps_score, loyal);
CREATE INDEX survey_response_campaign ON survey_response (campaign_id, id);
CREATE INDEX survey_response_campaign_state ON survey_response (campaign_id, state, id);
