//! Throughput of the time and amount recognizers on news-shaped text: the bundled sample
//! articles (2-4 KB each, the size and shape of the corpus articles), each recognized as one
//! document. `cargo bench -p dyad-recognize`; results in BENCHMARKS.md.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dyad_recognize::amount::find_amounts;
use dyad_recognize::time::find_times;
use dyad_recognize::Date;

fn articles() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/articles");
    let mut texts: Vec<String> = std::fs::read_dir(&dir)
        .expect("samples/articles")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).unwrap())
        .collect();
    texts.sort();
    // Two articles per document: about 2-3 KB, like the corpus.
    texts.chunks(2).map(|c| c.join("\n\n")).collect()
}

fn bench(c: &mut Criterion) {
    let docs = articles();
    let bytes: usize = docs.iter().map(String::len).sum();
    let reference = Date::new(2024, 5, 23);
    let mut group = c.benchmark_group("recognizers");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("times", |b| b.iter(|| docs.iter().map(|d| find_times(d, reference).len()).sum::<usize>()));
    group.bench_function("amounts", |b| b.iter(|| docs.iter().map(|d| find_amounts(d).len()).sum::<usize>()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
