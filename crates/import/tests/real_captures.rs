//! Conformance over the real captures in `../shared/data` (separately
//! licensed; never copied here). Each test asserts the facts its capture's
//! README states, and skips with a message when the folder is absent.

mod util;

use callqa_import::Severity;
use callqa_model::{Direction, EventKind, Party};
use util::*;

fn errors(out: &callqa_import::Import) -> Vec<String> {
    out.problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn wazo_switchboard_hold_is_5_2_seconds() {
    let Some(dir) = shared("wazo-call-logd-cel/cel") else {
        return;
    };
    let f = dir.join(
        "test_call_log_generation__test_switchboard_call_answered_then_put_in_shared_queue_then_answered.psv",
    );
    let out = run(&[f], &[], &opts(""));
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    // The operator's second leg had its own linkedid before being bridged:
    // it must join the caller's call, not make a second one.
    assert_eq!(out.calls.len(), 1, "{:#?}", out.calls);
    let c = &out.calls[0];
    assert_eq!(c.id, "1694023642.7");
    assert_eq!(c.direction, Direction::Inbound); // XIVO_INCALL
    assert_eq!(c.operator.id, "8000");
    assert_eq!(c.client.number.as_deref(), Some("8001"));
    // Waiting in the switchboard queue before the answer is not a hold.
    let h = holds(c);
    assert_eq!(h.len(), 1, "{:?}", c.events);
    let len = h[0].1 - h[0].0;
    assert!((len - 5.19).abs() < 0.01, "hold of {len} s");
    assert!((answered_at(c).unwrap() - 5.99).abs() < 0.01);
    // hangupsource is the operator's channel PJSIP/KvXYRheV-00000005.
    assert_eq!(hangup_by(c), Some(Party::Operator));
}

#[test]
fn wazo_all_captures_import() {
    let Some(dir) = shared("wazo-call-logd-cel/cel") else {
        return;
    };
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let f = e.unwrap().path();
        let out = run(std::slice::from_ref(&f), &[], &opts(""));
        assert!(
            errors(&out).is_empty(),
            "{}: {:#?}",
            f.display(),
            errors(&out)
        );
        assert!(!out.calls.is_empty(), "{}", f.display());
        n += 1;
    }
    assert_eq!(n, 78);
    // Missed calls: no answer event, still a hangup.
    let f = dir.join("test_call_log_generation__test_early_hung_up_incoming_call.psv");
    let out = run(&[f], &[], &opts(""));
    let c = &out.calls[0];
    assert_eq!(c.direction, Direction::Inbound); // context from-extern
    assert_eq!(answered_at(c), None);
    assert_eq!(hangup_by(c), Some(Party::Client)); // the caller gave up
    assert_eq!(c.started_at.unwrap().offset().whole_hours(), -4);
}

#[test]
fn wazo_unanswered_originate_by_switchboard() {
    let Some(dir) = shared("wazo-call-logd-cel/cel") else {
        return;
    };
    let f = dir.join("test_call_log_generation__test_originate_hung_up_by_switchboard.psv");
    // The switchboard (Carlos, 1003) originates the call to Bob.
    let out = run(&[f], &[], &opts("operators = [\"1003\"]"));
    let c = &out.calls[0];
    assert_eq!(c.direction, Direction::Outbound);
    assert_eq!(c.operator.id, "1003");
    assert_eq!(c.client.name.as_deref(), Some("Bõb"));
    assert_eq!(answered_at(c), None, "Bob never answered");
    assert!((c.ended_at() - 13.63).abs() < 0.01);
}

fn cdr(name: &str) -> Option<callqa_import::Import> {
    let dir = shared("asterisk-docs-cdr-cel-spec/cdr_scenarios_csv")?;
    Some(run(
        &[dir.join(name)],
        &[],
        &opts("operators = [\"SIP/bob*\", \"SIP/charlie*\", \"IAX2/*\"]"),
    ))
}

#[test]
fn cdr_scenarios_all_import_and_agree() {
    let Some(dir) = shared("asterisk-docs-cdr-cel-spec/cdr_scenarios_csv") else {
        return;
    };
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".Master.csv"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 24);
    for m in names {
        let header = m.replace(".Master.csv", ".csv");
        let a = cdr(&m).unwrap();
        let b = cdr(&header).unwrap();
        if m.starts_with("SIP_Protocol_Attended_Transfer") {
            // The documentation's table has a broken stamp ("2013-04-13:12:08"):
            // that row is reported with its line, the others still import.
            for (out, line) in [(&a, 1), (&b, 2)] {
                let e = errors(out);
                assert_eq!(e.len(), 1, "{e:?}");
                let want = format!(":{line}: bad time stamp \"2013-04-13:12:08\"");
                assert!(e[0].ends_with(&want), "{e:?}");
                assert!(!out.calls.is_empty());
            }
            continue;
        }
        assert!(
            errors(&a).is_empty() && errors(&b).is_empty(),
            "{m}: {:?} {:?}",
            errors(&a),
            errors(&b)
        );
        // Master.csv (no header) and the header-row export give the same calls.
        let ev = |i: &callqa_import::Import| -> Vec<_> {
            i.calls.iter().map(|c| c.events.clone()).collect()
        };
        assert_eq!(ev(&a), ev(&b), "{m}");
        for c in &a.calls {
            assert_eq!(
                c.tags.get("import.hold").map(String::as_str),
                Some("unknown"),
                "{m}"
            );
        }
    }
}

#[test]
fn cdr_basic_blind_transfer_queue_unanswered() {
    let Some(out) = cdr("Basic_Call.Master.csv") else {
        return;
    };
    let c = &out.calls[0];
    assert_eq!(c.direction, Direction::Inbound); // Bob is an operator
    assert_eq!(c.client.name.as_deref(), Some("Alice"));
    assert_eq!(c.client.number.as_deref(), Some("100"));
    assert_eq!(answered_at(c), Some(8.0));
    assert_eq!(c.ended_at(), 120.0);
    assert_eq!(c.tags["import.hangup_by"], "unknown");

    let c = &cdr("Blind_Transfer.Master.csv").unwrap().calls[0];
    let kinds: Vec<_> = c.events.iter().map(|e| (e.at, e.kind.clone())).collect();
    assert_eq!(
        kinds,
        vec![
            (0.0, EventKind::Ring),
            (10.0, EventKind::Answer),
            (
                30.0,
                EventKind::Transfer {
                    to: Some("300".into())
                }
            ),
            (95.0, EventKind::Hangup { by: Party::Client }),
        ]
    );

    let c = &cdr("Call_Queue_Example_1.csv").unwrap().calls[0];
    assert_eq!(c.tags["queue"], "complaints");
    assert_eq!(answered_at(c), Some(60.0)); // Bob was busy, Charlie answered
    assert_eq!(c.operator.id, "SIP/charlie");

    let c = &cdr("Unanswered_Inbound_Call.Master.csv").unwrap().calls[0];
    assert_eq!(answered_at(c), None);
    assert_eq!(c.ended_at(), 2.0);

    let c = &cdr("Parallel_Dial.Master.csv").unwrap().calls[0];
    assert_eq!(answered_at(c), Some(10.0)); // IAX2/bob answered; SIP/bob rang
    assert!(!c
        .events
        .iter()
        .any(|e| matches!(e.kind, EventKind::Transfer { .. })));
}

#[test]
fn cdr_timezone_applies_to_local_stamps() {
    let Some(dir) = shared("asterisk-docs-cdr-cel-spec/cdr_scenarios_csv") else {
        return;
    };
    let mut o = opts("");
    o.timezone = callqa_import::Zone::parse("Europe/Moscow");
    let out = run(&[dir.join("Basic_Call.Master.csv")], &[], &o);
    let s = out.calls[0].started_at.unwrap();
    assert_eq!(s.offset().whole_hours(), 4); // MSK was UTC+4 in 2013
    assert_eq!(s.hour(), 13);
    assert!(!out
        .problems
        .iter()
        .any(|p| p.message.contains("no UTC offset")));
}

fn fs(name: &str, map: &str) -> Option<callqa_model::Call> {
    let dir = shared("cgrates-freeswitch-cdr")?;
    let out = run(&[dir.join(name)], &[], &opts(map));
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert_eq!(out.calls.len(), 1);
    Some(out.calls[0].clone())
}

#[test]
fn freeswitch_hold_67s_and_send_bye() {
    // 1001 (the operator here) called 1002.
    let Some(c) = fs(
        "fs_json_cdr_hold67s_send_bye.json",
        "operators = [\"1001\"]",
    ) else {
        return;
    };
    assert_eq!(c.direction, Direction::Outbound);
    let h = holds(&c);
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].1 - h[0].0).round(), 67.0, "{:?}", h);
    // send_bye on the A-leg: FreeSWITCH sent BYE to 1001 because 1002 hung up.
    assert_eq!(hangup_by(&c), Some(Party::Client));
    assert!((answered_at(&c).unwrap() - 3.42).abs() < 0.01);
    assert!((c.ended_at() - 70.96).abs() < 0.01); // duration 71
    assert_eq!(c.started_at.unwrap().unix_timestamp(), 1515666344);
}

#[test]
fn freeswitch_hold_15s_recv_bye_json_and_esl_agree() {
    let Some(json) = fs("fs_json_cdr_hold15s.json", "operators = [\"1001\"]") else {
        return;
    };
    let esl = fs(
        "fs_esl_CHANNEL_HANGUP_COMPLETE_hold15s.txt",
        "operators = [\"1001\"]",
    )
    .unwrap();
    let h = holds(&json);
    assert_eq!(h.len(), 1);
    assert_eq!((h[0].1 - h[0].0).floor(), 15.0);
    // recv_bye: 1001 (the caller) sent BYE.
    assert_eq!(hangup_by(&json), Some(Party::Operator));
    assert_eq!(json.id, esl.id);
    assert_eq!(json.events, esl.events);
    let c = fs("fs_esl_CHANNEL_HANGUP_COMPLETE_recv_bye.txt", "").unwrap();
    assert!(holds(&c).is_empty());
    assert_eq!(c.tags["freeswitch.sip_hangup_disposition"], "recv_bye");
    // Without a mapping the caller is assumed to be the client: it hung up.
    assert_eq!(hangup_by(&c), Some(Party::Client));
}

#[test]
fn ami_originate_hangup_request_names_who_hung_up() {
    let Some(dir) = shared("panoramisk-ami-fixtures") else {
        return;
    };
    let out = run(
        &[dir.join("originate_with_events.yaml")],
        &[],
        &opts("operators = [\"SIP/ddddd*\"]"),
    );
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert_eq!(out.calls.len(), 1, "{:#?}", out.calls);
    let c = &out.calls[0];
    assert_eq!(c.direction, Direction::Outbound);
    assert_eq!(c.tags["import.hangup_source"], "SIP/uuuuu-00000001");
    assert_eq!(hangup_by(c), Some(Party::Client)); // SIP/uuuuu sent the hangup
    assert_eq!(answered_at(c), Some(13.0)); // SIP/uuuuu answered at 16:36:53
                                            // The other AMI captures hold no finished call (the agent's login call
                                            // is still up when the capture ends) and must not fail.
    for f in ["agent_loggued_in.yaml", "queue_status.yaml"] {
        let out = run(&[dir.join(f)], &[], &opts(""));
        assert!(out.calls.is_empty(), "{f}");
        assert!(errors(&out).is_empty(), "{f}");
    }
}

#[test]
fn harper_valley_roles_names_and_who_hung_up() {
    let Some(dir) = shared("harper-valley-bank/conversations") else {
        return;
    };
    let out = run(&[], &[dir], &opts(""));
    assert!(errors(&out).is_empty(), "{:?}", errors(&out));
    assert_eq!(out.calls.len(), 4);
    let by_id = |id: &str| out.calls.iter().find(|c| c.id == id).unwrap();
    let expect = [
        ("0002f70f7386445b", Party::Operator, "Elizabeth"),
        ("004860b1ab2e4c88", Party::Operator, "Robert"),
        ("0091a706bc604188", Party::Client, "Jennifer"),
        ("00d676d7058c49bb", Party::Client, "Jennifer"),
    ];
    for (id, by, name) in expect {
        let c = by_id(id);
        assert_eq!(hangup_by(c), Some(by), "{id}");
        assert_eq!(c.operator.name.as_deref(), Some(name), "{id}");
        assert_eq!(c.direction, Direction::Inbound);
        let first_op = c
            .utterances
            .iter()
            .find(|u| u.speaker == Party::Operator)
            .unwrap();
        assert!(first_op.text.contains("harper valley") || first_op.text.contains("happy valley"));
        assert!(c.utterances.iter().any(|u| u.speaker == Party::Client));
        assert!(!c.utterances.iter().any(|u| u.text == "[noise]"));
    }
    // 0002…: the greeting is split across three segments.
    let c = by_id("0002f70f7386445b");
    assert_eq!(
        c.utterances[0].text,
        "hello this is harper valley national bank"
    );
    assert_eq!(c.utterances[1].text, "my name is elizabeth");
    // 00d676…: the agent said the wrong company name.
    assert!(by_id("00d676d7058c49bb")
        .utterances
        .iter()
        .any(|u| u.text.contains("happy valley")));
}
