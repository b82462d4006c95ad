-- Education (issue 10): the class list filters by level and by department, newest first.
CREATE INDEX safety_class_level_held ON safety_class (level, held_on);
CREATE INDEX safety_class_department_held ON safety_class (department_id, held_on) WHERE department_id IS NOT NULL;
