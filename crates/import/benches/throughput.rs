//! Import throughput (call records per second) on a synthetic CEL export
//! and a synthetic Whisper transcript set. The corpus is generated here
//! (no external data); each bench asserts what it imported, so a parser
//! that silently drops records cannot look fast.

use std::hint::black_box;
use std::time::Instant;

use callqa_import::{parse_text, Format, ImportOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const CALLS: usize = 2_000;

fn cel_corpus() -> String {
    let mut s = String::from(
        "eventtype,eventtime,cid_name,cid_num,context,channame,uniqueid,linkedid,peer,extra\n",
    );
    for i in 0..CALLS {
        let base = 1_700_000_000 + i as u64 * 600;
        let (l, b) = (format!("{base}.{i}"), format!("{}.{}", base + 1, i + 1));
        let t = |d: u64| format!("{}", base + d);
        let row = |ev: &str, d: u64, ch: &str, uid: &str, peer: &str, extra: &str| {
            format!(
                "{ev},{},Client,+7916{i:07},from-extern,{ch},{uid},{l},{peer},\"{}\"\n",
                t(d),
                extra.replace('"', "\"\"")
            )
        };
        s += &row("CHAN_START", 0, &format!("PJSIP/trunk-{i:08x}"), &l, "", "");
        s += &row("CHAN_START", 1, &format!("PJSIP/1001-{i:08x}"), &b, "", "");
        s += &row("ANSWER", 8, &format!("PJSIP/1001-{i:08x}"), &b, "", "");
        s += &row(
            "BRIDGE_ENTER",
            60,
            &format!("PJSIP/trunk-{i:08x}"),
            &l,
            "Announcer/ARI_MOH-1;2",
            r#"{"bridge_technology":"holding_bridge"}"#,
        );
        s += &row(
            "BRIDGE_EXIT",
            90,
            &format!("PJSIP/trunk-{i:08x}"),
            &l,
            "Announcer/ARI_MOH-1;2",
            r#"{"bridge_technology":"holding_bridge"}"#,
        );
        s += &row(
            "HANGUP",
            200,
            &format!("PJSIP/trunk-{i:08x}"),
            &l,
            "",
            &format!(r#"{{"hangupsource":"PJSIP/trunk-{i:08x}"}}"#),
        );
        s += &row(
            "LINKEDID_END",
            200,
            &format!("PJSIP/trunk-{i:08x}"),
            &l,
            "",
            "",
        );
    }
    s
}

fn whisper_doc() -> String {
    let segs: Vec<String> = (0..40)
        .map(|k| {
            format!(
                r#"{{"id":{k},"start":{}.0,"end":{}.5,"text":" Добрый день, компания «Ромашка», чем могу помочь?","no_speech_prob":0.01}}"#,
                k * 3,
                k * 3 + 2
            )
        })
        .collect();
    format!(r#"{{"language":"ru","segments":[{}]}}"#, segs.join(","))
}

fn bench(c: &mut Criterion) {
    let opts = ImportOptions::default();
    let cel = cel_corpus();
    // One timed run, printed as records per second, and its own check.
    let t0 = Instant::now();
    let parsed = parse_text(Format::AsteriskCel, "bench.csv", &cel, &opts);
    let secs = t0.elapsed().as_secs_f64();
    assert_eq!(parsed.calls.len(), CALLS);
    assert!(
        parsed.problems.iter().all(|p| !p.is_error()),
        "{:?}",
        parsed.problems.first()
    );
    eprintln!(
        "CEL: {CALLS} calls ({} rows) in {secs:.3} s = {:.0} calls/s",
        CALLS * 7,
        CALLS as f64 / secs
    );

    let mut g = c.benchmark_group("import");
    g.throughput(Throughput::Elements(CALLS as u64));
    g.bench_function("asterisk_cel_calls", |b| {
        b.iter(|| {
            let p = parse_text(Format::AsteriskCel, "bench.csv", black_box(&cel), &opts);
            assert_eq!(p.calls.len(), CALLS);
        })
    });
    let doc = whisper_doc();
    g.throughput(Throughput::Elements(1));
    g.bench_function("whisper_transcript", |b| {
        b.iter(|| {
            let p = parse_text(Format::Whisper, "call.json", black_box(&doc), &opts);
            assert_eq!(p.transcripts[0].segments.len(), 40);
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
