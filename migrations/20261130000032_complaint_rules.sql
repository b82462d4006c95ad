-- 协商处理办法 per the rule (二(二)3): 生产部 and 技术部 propose the product measures, 售后服务部 and
-- 业务部 agree the remedy, and the final solution is agreed with the customer; all before the
-- remedy goes to sign-off. Names are kept as signed (people leave; the record stays).
ALTER TABLE complaint ADD COLUMN production_measures TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN production_measures_by TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN technical_measures TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN technical_measures_by TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN remedy_agreed_after_sales TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN remedy_agreed_business TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN customer_agreed_on TEXT;
ALTER TABLE complaint ADD COLUMN customer_agreed_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE complaint ADD COLUMN customer_agreed_summary TEXT NOT NULL DEFAULT '';
