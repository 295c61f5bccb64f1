-- 0003_staff: departments, designations, employees (internal staff).

-- ---------------------------------------------------------------------------
-- departments
-- ---------------------------------------------------------------------------
CREATE TABLE departments (
    id                UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name              TEXT NOT NULL,
    code              TEXT NOT NULL,
    description       TEXT,
    department_head   TEXT,
    department_email  TEXT,
    is_active         BOOLEAN NOT NULL DEFAULT true,
    visibility        TEXT NOT NULL DEFAULT 'INTERNAL',
    transfers_enabled BOOLEAN NOT NULL DEFAULT false,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT departments_name_key UNIQUE (name),
    CONSTRAINT departments_code_key UNIQUE (code),
    CONSTRAINT departments_visibility_check CHECK (visibility IN ('INTERNAL'))
);
CREATE TRIGGER trg_departments_updated_at BEFORE UPDATE ON departments
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- roles.department_id (created in 0002) now that departments exist.
ALTER TABLE roles
    ADD CONSTRAINT roles_department_id_fkey
    FOREIGN KEY (department_id) REFERENCES departments(id) ON DELETE SET NULL;

-- ---------------------------------------------------------------------------
-- designations (job titles; names are unique company-wide, so a designation
-- may be org-wide and department_id is optional)
-- ---------------------------------------------------------------------------
CREATE TABLE designations (
    id              UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name            TEXT NOT NULL,
    code            TEXT NOT NULL,
    department_id   UUID REFERENCES departments(id),
    description     TEXT,
    level           TEXT,
    can_manage_team BOOLEAN NOT NULL DEFAULT false,
    can_approve     BOOLEAN NOT NULL DEFAULT false,
    is_active       BOOLEAN NOT NULL DEFAULT true,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT designations_name_key UNIQUE (name),
    CONSTRAINT designations_code_key UNIQUE (code)
);
CREATE INDEX designations_department_id_idx ON designations (department_id);
CREATE TRIGGER trg_designations_updated_at BEFORE UPDATE ON designations
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- ---------------------------------------------------------------------------
-- employees (one staff record per user; never hard-deleted, set
-- employment_status instead -- audit_logs reference employees)
-- ---------------------------------------------------------------------------
CREATE TABLE employees (
    id                  UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id             UUID NOT NULL REFERENCES users(id),
    employee_code       TEXT NOT NULL,
    department_id       UUID NOT NULL REFERENCES departments(id),
    designation_id      UUID REFERENCES designations(id),
    joining_date        DATE NOT NULL DEFAULT CURRENT_DATE,
    employment_status   TEXT NOT NULL DEFAULT 'ACTIVE',
    manager_employee_id UUID REFERENCES employees(id) ON DELETE SET NULL,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT employees_user_id_key UNIQUE (user_id),
    CONSTRAINT employees_employee_code_key UNIQUE (employee_code),
    CONSTRAINT employees_employment_status_check
        CHECK (employment_status IN ('ACTIVE','INACTIVE','TERMINATED')),
    CONSTRAINT employees_manager_not_self_check CHECK (manager_employee_id <> id)
);
CREATE INDEX employees_department_id_idx ON employees (department_id);
CREATE INDEX employees_designation_id_idx ON employees (designation_id);
CREATE INDEX employees_manager_employee_id_idx ON employees (manager_employee_id);
CREATE INDEX employees_employment_status_idx ON employees (employment_status);
CREATE TRIGGER trg_employees_updated_at BEFORE UPDATE ON employees
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
