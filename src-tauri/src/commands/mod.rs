//! Thin commands, grouped by domain: parse input, find the acting user, call the core, map
//! the error. A command longer than a few lines is core logic in the wrong place.

mod attachments;
mod complaints;
mod customers;
pub mod names;
mod org;
mod session;
mod system;
pub use system::AppStatus;
mod users;

use tauri::Runtime;
use tauri::ipc::Invoke;

use crate::error::IpcError;

pub type CommandResult<T> = Result<T, IpcError>;

pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        system::app_status,
        session::setup_initialize,
        session::setup_load_demo,
        session::session_sign_in,
        session::session_sign_out,
        session::session_current,
        session::session_change_password,
        users::role_list,
        users::user_list,
        users::user_create,
        users::user_update,
        users::user_set_active,
        users::user_reset_password,
        org::department_list,
        org::department_create,
        org::department_update,
        org::store_list,
        org::store_create,
        org::store_update,
        system::settings_get,
        system::settings_update,
        system::audit_list,
        system::system_check,
        system::system_backup,
        customers::customer_list,
        customers::customer_get,
        customers::customer_history,
        customers::customer_create,
        customers::customer_update,
        customers::customer_set_active,
        customers::customer_merge,
        customers::customer_import,
        customers::customer_export,
        complaints::complaint_list,
        complaints::complaint_my_work,
        complaints::complaint_get,
        complaints::complaint_history,
        complaints::complaint_register,
        complaints::complaint_update_registration,
        complaints::complaint_save_analysis,
        complaints::complaint_save_remedy,
        complaints::complaint_transition,
        complaints::complaint_sign,
        complaints::complaint_add_contact,
        complaints::complaint_save_action,
        complaints::complaint_verify_action,
        complaints::complaint_save_feedback,
        complaints::complaint_pdf_save,
        complaints::complaint_pdf_open,
        complaints::complaint_pdf_preview,
        complaints::complaint_import,
        complaints::complaint_export,
        attachments::attachment_add,
        attachments::attachment_remove,
        attachments::attachment_thumbnail,
        attachments::attachment_content,
        attachments::attachment_open,
        attachments::attachment_save,
    ]
}
