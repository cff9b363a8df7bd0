//! The service directory's strings: its heading and the service catalogue.
//! (The channels, severity levels and on-site rule speak through
//! `components::service_info`.)

use crate::i18n::{plural, Lang};

pub struct ServicesTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub catalogue_title: &'static str,
    pub book_lead: &'static str,
    pub book_link: &'static str,
    pub consult_lead: &'static str,
    pub consult_link: &'static str,
    pub remote: &'static str,
    pub onsite: &'static str,
    /// How many items a class of service has.
    pub items: fn(usize) -> String,
}

static ZH: ServicesTexts = ServicesTexts {
    title: "服务目录",
    lead: "Coremail 产品标准级售后服务的全部服务项目（服务手册附表一）、服务渠道与实时服务状态、故障级别与现场服务规则。",
    catalogue_title: "服务项目",
    book_lead: "需要工程师部署补丁、远程支持或到现场？",
    book_link: "预约工程师",
    consult_lead: "有使用问题想咨询？",
    consult_link: "在线咨询服务入口",
    remote: "远程",
    onsite: "现场",
    items: |count| format!("{count} 项"),
};

static EN: ServicesTexts = ServicesTexts {
    title: "Service directory",
    lead: "Everything Coremail's standard after-sales service covers (manual, appendix 1), the service channels with their live status, severity levels and the on-site rule.",
    catalogue_title: "Service items",
    book_lead: "Need an engineer to deploy a patch, support you remotely or come on site?",
    book_link: "Book an engineer",
    consult_lead: "A question about using the product?",
    consult_link: "Online consultation",
    remote: "Remote",
    onsite: "On-site",
    items: |count| plural(count, "item", "items"),
};

pub fn services_texts(lang: Lang) -> &'static ServicesTexts {
    lang.pick(&ZH, &EN)
}
