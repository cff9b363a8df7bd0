//! The home page's strings: the welcome, what the service centre offers,
//! and the data stamp. (The channels and severity levels below them speak
//! through `components::service_info`.)

use crate::i18n::Lang;

pub struct HomeTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub offers_title: &'static str,
    /// Name and description of each service, in the order of `OFFER_LINKS`.
    pub offers: [(&'static str, &'static str); 11],
    pub go_to: &'static str,
    pub coming_soon: &'static str,
    pub see_directory: &'static str,
    pub data_as_of: &'static str,
    /// The data is API version `found`; this build reads `expected`.
    pub api_version_mismatch: fn(u32, u32) -> String,
}

static ZH: HomeTexts = HomeTexts {
    title: "您好，欢迎来到 Coremail 云服务中心",
    lead: "为购买 Coremail 产品标准级售后服务的企业管理员提供自助服务：查询工单进度与响应时限、下载系统补丁、查阅知识库、预约工程师、设置消息提醒。",
    offers_title: "服务中心提供",
    offers: [
        ("工单查询", "凭工单号与受理回执中的访问码查询处理进度、故障级别与响应时限，无需账号。"),
        ("补丁管理", "按产品与版本浏览系统补丁，查看 CNVD/CVE 编号、发布说明与 SHA-256 校验值。"),
        ("在线知识库", "收发信、磁盘空间、弱密码、垃圾邮件等管理员常见问题，支持离线阅读。"),
        ("工程师预约", "预约补丁部署、远程支持或现场服务，只提供工作时间内的时段。"),
        ("消息提醒", "补丁、版本升级、安全漏洞、到期续费等提醒，以及提醒的频率与渠道设置。"),
        ("响应时限计算", "按故障级别、渠道与提交时间计算响应截止时间，自动跳过夜间、周末与法定节假日。"),
        ("管理员社区", "Coremail 工程师解答的管理员问答，向工程师提问，下载手册与指南。"),
        ("产品建议与反馈", "提出产品改进建议，或报告产品缺陷。"),
        ("在线直播课程", "工程师直播课程的安排与倒计时，可添加到日历，往期课程可看回放。"),
        ("在线咨询", "5×8 在线支持：现在是否服务、何时开始服务，以及各服务渠道。"),
        ("服务条款", "售后服务手册第九至十二条、变更记录与异议期。"),
    ],
    go_to: "进入 →",
    coming_soon: "即将上线",
    see_directory: "查看服务目录与实时服务状态 →",
    data_as_of: "数据更新于",
    api_version_mismatch: |found, expected| format!("数据接口为版本 {found}，本页面只支持版本 {expected}：显示的信息可能不完整。请刷新页面；如仍出现，请联系 support@coremail.cn。"),
};

static EN: HomeTexts = HomeTexts {
    title: "Welcome to the Coremail Cloud Service Centre",
    lead: "Self-service for administrators of enterprises under Coremail's standard after-sales service: follow tickets and their response deadlines, download patches, read the knowledge base, book an engineer and choose your reminders.",
    offers_title: "What the service centre offers",
    offers: [
        ("Ticket lookup", "Follow a ticket's progress, severity and response deadline with its number and the access code from its acknowledgement: no account needed."),
        ("Patches", "Browse patches by product and version, with CNVD/CVE ids, release notes and SHA-256 checksums."),
        ("Knowledge base", "Answers to admins' everyday questions (delivery, disk space, weak passwords, spam), readable offline."),
        ("Engineer booking", "Book patch deployment, remote support or an on-site visit, in working-time slots only."),
        ("Reminders", "Patch, upgrade, security and renewal reminders, and how often and where they reach you."),
        ("Response deadlines", "Work out when a response is due for a priority, channel and time, skipping nights, weekends and public holidays."),
        ("Administrators' community", "Questions answered by Coremail's engineers; ask your own, download manuals and guides."),
        ("Suggestions and feedback", "Suggest a product improvement, or report a defect."),
        ("Live courses", "The engineers' live courses with a countdown, calendar files and recordings of past ones."),
        ("Online consultation", "5×8 online support: whether it is open now, when it opens, and every channel."),
        ("Service terms", "The service manual §9–§12, its changes and the objection period."),
    ],
    go_to: "Open →",
    coming_soon: "Coming soon",
    see_directory: "Service directory and live status →",
    data_as_of: "Data as of",
    api_version_mismatch: |found, expected| format!("The data is API version {found}, but this page reads version {expected}: what it shows may be incomplete. Reload the page; if this stays, contact support@coremail.cn."),
};

pub fn home_texts(lang: Lang) -> &'static HomeTexts {
    lang.pick(&ZH, &EN)
}
