//! 在线咨询服务入口: the published contacts as links, and nothing else.

use portal_core::consult::{mailto_uri, tel_uri};

#[test]
fn the_hotline_dials_its_digits() {
    assert_eq!(tel_uri("400-888-2488").as_deref(), Some("tel:4008882488"));
    assert_eq!(
        tel_uri(" +86 (10) 6280.1234 ").as_deref(),
        Some("tel:+861062801234")
    );
}

#[test]
fn a_contact_that_is_not_a_number_is_no_tel_link() {
    for refused in [
        "",
        "-",
        "云服务中心在线咨询",
        "400-888-2488;ext=1",
        "4008\"882488",
        "+",
    ] {
        assert_eq!(tel_uri(refused), None, "{refused:?}");
    }
}

#[test]
fn the_support_address_is_a_plain_mailto_link() {
    assert_eq!(
        mailto_uri("support@coremail.cn").as_deref(),
        Some("mailto:support@coremail.cn")
    );
}

#[test]
fn an_address_that_could_add_headers_or_break_out_is_refused() {
    for refused in [
        "support@coremail.cn?bcc=x@y.z",
        "support@coremail.cn&body=x",
        "a@b@c",
        "@coremail.cn",
        "support@",
        "support coremail.cn",
        "sup port@coremail.cn",
        "support@coremail.cn\"><b",
        "javascript:alert(1)//@x",
    ] {
        assert_eq!(mailto_uri(refused), None, "{refused:?}");
    }
}
