//! Every app command by name. Shared by build.rs (the app manifest, hence the ACL) and by the
//! test that checks the invoke handler and the capability file list the same commands.

pub const ALL: &[&str] = &[
    "app_status",
    "setup_initialize",
    "setup_load_demo",
    "session_sign_in",
    "session_sign_out",
    "session_current",
    "session_change_password",
    "role_list",
    "user_list",
    "user_create",
    "user_update",
    "user_set_active",
    "user_reset_password",
    "department_list",
    "department_create",
    "department_update",
    "store_list",
    "store_create",
    "store_update",
    "settings_get",
    "settings_update",
    "audit_list",
    "system_check",
    "system_backup",
];
