//! Where a module joins the shared pieces without editing them: the kinds of record that carry
//! attachments (with who may view, add and remove them), and the records that point at a
//! customer (moved to the surviving customer when two customers are merged). A new module adds
//! its variant and its line here; its rules live in its own folder.

use crate::attachment::OwnerRule;
use crate::complaint;
use crate::customer::CustomerLink;
use crate::keyed::keyed_enum;
use crate::service::{self, timeline::TimelineSource};

keyed_enum!(
    /// The kinds of record that carry attachments.
    OwnerKind {
        Complaint = "complaint" / "客户投诉",
        // --- contractor ---
        ContractorCertificate = "contractor_certificate" / "单位证照",
        ContractorItem = "contractor_item" / "清单资料",
        // --- workers ---
        WorkerPhoto = "worker_photo" / "人员照片",
    }
);

impl OwnerKind {
    pub fn rule(self) -> &'static OwnerRule {
        match self {
            OwnerKind::Complaint => &complaint::ATTACHMENTS,
            // --- contractor ---
            OwnerKind::ContractorCertificate => &crate::contractor::CERTIFICATE_ATTACHMENTS,
            OwnerKind::ContractorItem => &crate::contractor::ITEM_ATTACHMENTS,
            // --- workers ---
            OwnerKind::WorkerPhoto => &crate::contractor::worker::PHOTO_ATTACHMENTS,
        }
    }
}

/// Every kind of record that names a customer. A table with a foreign key to `customer` that is
/// neither here nor part of the customer itself fails the test `every_customer_link_is_registered`.
pub const CUSTOMER_LINKS: &[CustomerLink] = &[
    complaint::CUSTOMER_LINK,
    crate::report::shipment::CUSTOMER_LINK, // --- report ---
    // --- survey ---
    crate::survey::CUSTOMER_LINK,
    // --- service ---
    service::FEEDBACK_LINK,
    service::CARE_PLAN_LINK,
    service::VISIT_LINK,
    service::RETURN_LINK,
];

/// The records shown on a customer's timeline, one source per kind (newest first across all).
pub const CUSTOMER_TIMELINE: &[TimelineSource] = &[
    complaint::TIMELINE,
    // --- service ---
    service::timeline::FEEDBACK,
    service::timeline::VISITS,
    service::timeline::RETURNS,
    crate::survey::TIMELINE, // --- survey ---
];
