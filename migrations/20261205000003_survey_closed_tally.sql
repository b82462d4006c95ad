-- The trend of a campaign's results runs over up to twelve campaigns; adding up each one's
-- responses cost ~2 ms a campaign at 500,000 answers. A closed campaign takes no more answers, so
-- its sums are kept when it closes (the same sums the results add up, as JSON).
ALTER TABLE survey_campaign ADD COLUMN closed_tally TEXT;
UPDATE survey_campaign SET closed_tally = (
    SELECT json_object('responses', count(*), 'csat_answers', coalesce(sum(csat_answers), 0),
                       'csat_satisfied', coalesce(sum(csat_satisfied), 0), 'csat_points', coalesce(sum(csat_points), 0),
                       'promoters', coalesce(sum(nps_score >= 9), 0), 'passives', coalesce(sum(nps_score BETWEEN 7 AND 8), 0),
                       'detractors', coalesce(sum(nps_score <= 6), 0), 'loyal', coalesce(sum(loyal), 0),
                       'loyalty_answers', count(loyal))
    FROM survey_response r WHERE r.campaign_id = survey_campaign.id AND r.state = 'answered')
WHERE state = 'closed';
