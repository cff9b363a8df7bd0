//! `portal` explains itself: every command has a help with examples of
//! itself, and a wrong command line is refused with exit 2 and a message
//! that names the flag it is about, before anything is read or written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn api() -> String {
    repo().join("public/api").to_string_lossy().into_owned()
}

fn portal(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_portal"))
        .args(args)
        .output()
        .expect("the portal binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The commands the top-level help lists, without clap's own `help`.
fn listed_commands() -> Vec<String> {
    let help = stdout(&portal(&["--help"]));
    help.lines()
        .skip_while(|l| *l != "Commands:")
        .skip(1)
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_top_level_help_lists_every_command() {
    assert_eq!(
        listed_commands(),
        [
            "validate",
            "new-access-key",
            "publish",
            "sla",
            "slots",
            "onsite",
            "index",
            "search",
            "gen-corpus",
            "seal",
            "intake",
            "reminders"
        ]
    );
}

#[test]
fn every_command_has_a_help_with_examples_of_itself() {
    for command in listed_commands() {
        let out = portal(&[&command, "--help"]);
        assert_eq!(out.status.code(), Some(0), "portal {command} --help");
        let help = stdout(&out);
        let examples = help
            .split_once("\nExamples:\n")
            .map(|(_, examples)| examples)
            .unwrap_or_else(|| panic!("portal {command} --help has no Examples section:\n{help}"));
        assert!(
            examples.contains(&format!("portal {command} ")),
            "the examples of portal {command} do not run it:\n{examples}"
        );
    }
}

#[test]
fn portal_help_and_portal_dash_dash_help_print_the_same_usage() {
    let help = portal(&["help"]);
    let dash_dash_help = portal(&["--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert_eq!(dash_dash_help.status.code(), Some(0));
    assert!(
        stdout(&help).contains("Usage: portal <COMMAND>"),
        "{}",
        stdout(&help)
    );
    assert_eq!(stdout(&help), stdout(&dash_dash_help));
}

#[test]
fn portal_without_a_command_shows_the_usage_and_exits_2() {
    let out = portal(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("Usage: portal <COMMAND>"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn new_access_key_prints_a_fresh_key_each_time_in_groups_of_five() {
    let a = stdout(&portal(&["new-access-key"]));
    let b = stdout(&portal(&["new-access-key"]));
    assert_ne!(a, b);
    let groups: Vec<&str> = a.trim().split('-').collect();
    assert_eq!(groups.len(), 6, "{a}");
    assert!(groups.iter().all(|g| g.len() == 5));
    let code = stdout(&portal(&["new-access-key", "--ticket"]));
    assert_eq!(code.trim().split('-').count(), 4, "{code}");
}

#[test]
fn publish_without_an_api_dir_exits_2_naming_it() {
    let out = portal(&["publish", "demo/private"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("<API_DIR>"), "{}", stderr(&out));
}

#[test]
fn an_unknown_flag_exits_2_naming_it_and_the_flag_meant() {
    // A directory that does not exist: if the flag were ignored, nothing
    // would be written anywhere.
    let out = portal(&["index", "/no/such/api", "--shard", "3"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("'--shard'"), "names the flag given: {err}");
    assert!(err.contains("'--shards'"), "suggests the flag meant: {err}");
}

#[test]
fn a_shard_count_that_is_not_a_number_exits_2_naming_shards() {
    let out = portal(&["index", "/no/such/api", "--shards", "abc"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("'abc' for '--shards <N>'"), "{err}");
}

#[test]
fn an_unknown_priority_exits_2_naming_priority_and_the_choices() {
    let out = portal(&[
        "sla",
        "--api",
        &api(),
        "--priority",
        "P9",
        "--channel",
        "email",
        "--received",
        "2026-02-13T17:30:00+08:00",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("'P9' for '--priority <PRIORITY>'"), "{err}");
    assert!(err.contains("P1, P2, P3, P4"), "lists the choices: {err}");
    assert!(out.stdout.is_empty(), "a usage error is not an answer");
}

#[test]
fn an_unknown_channel_exits_2_naming_channel_and_the_choices() {
    let out = portal(&[
        "sla",
        "--api",
        &api(),
        "--priority",
        "P1",
        "--channel",
        "sms",
        "--received",
        "2026-11-26T10:00:00+08:00",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("'sms' for '--channel <CHANNEL>'"), "{err}");
    assert!(
        err.contains("phone, email, online"),
        "lists the choices: {err}"
    );
}

#[test]
fn sla_batch_with_a_request_flag_exits_2_naming_both() {
    let out = portal(&["sla", "--api", &api(), "--batch", "--priority", "P1"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--batch") && err.contains("--priority"),
        "{err}"
    );
}

#[test]
fn the_readme_shows_the_current_top_level_help() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let help = stdout(&portal(&["--help"]));
    assert!(
        readme.contains(&help),
        "README.md's `portal` CLI section is not `portal --help`; paste:\n{help}"
    );
}
