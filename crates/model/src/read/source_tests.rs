//! Tests of the line reader of `source.rs`: it reads what std's
//! `take(cap).read_until(b'\n')` reads, at every buffer and limit size.

use std::io::{BufRead, BufReader, Read};

use super::source::read_until_newline;

fn lines_std(data: &[u8], buf: usize, cap: usize) -> Vec<(usize, Vec<u8>)> {
    let mut reader = BufReader::with_capacity(buf, data);
    let mut out = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = (&mut reader)
            .take(cap as u64)
            .read_until(b'\n', &mut line)
            .unwrap();
        if n == 0 {
            return out;
        }
        out.push((n, line));
    }
}

fn lines_memchr(data: &[u8], buf: usize, cap: usize) -> Vec<(usize, Vec<u8>)> {
    let mut reader = BufReader::with_capacity(buf, data);
    let mut out = Vec::new();
    loop {
        let mut line = Vec::new();
        let n = read_until_newline(&mut reader, cap, &mut line).unwrap();
        if n == 0 {
            assert!(reader.fill_buf().unwrap().is_empty());
            return out;
        }
        out.push((n, line));
    }
}

#[test]
fn reads_the_lines_std_reads() {
    let data = b"{\"a\":1}\n\n{\"b\":\"\xd0\xb4\xd0\xb0\"}\r\nlong line without end";
    for buf in 1..12 {
        for cap in 1..40 {
            assert_eq!(
                lines_memchr(data, buf, cap),
                lines_std(data, buf, cap),
                "buf {buf} cap {cap}"
            );
        }
    }
}
