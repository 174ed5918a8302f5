//! Times the store calls behind the dashboard's pages and the query commands on a database:
//! `cargo run --release -p dyad-store --example query_times -- kb.db KAZ CHN "Kassym-Jomart Tokayev"`.
//! Each call runs on a fresh connection (a first visit) and then again (warm).
use dyad_store::{EventQuery, FigureQuery, Store};
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [db, a, b, n] = &args[..] {
        if let Ok(n) = n.parse::<usize>() {
            // Repeat one call, for a profiler: `query_times DB A B 200`.
            let st = Store::open_read_only(std::path::Path::new(db)).expect("open");
            for _ in 0..n {
                st.profile(a, b, 30, Some(50)).expect("profile");
            }
            return;
        }
    }
    let [db, a, b, person] = &args[..] else {
        eprintln!("usage: query_times DB A B PERSON");
        std::process::exit(2);
    };
    let path = std::path::Path::new(db);
    let time = |what: &str, f: &dyn Fn(&Store) -> usize| {
        let st = Store::open_read_only(path).expect("open");
        let t = Instant::now();
        let n = f(&st);
        let cold = t.elapsed();
        let t = Instant::now();
        f(&st);
        println!(
            "{what:<40} {:>8.1} ms first, {:>8.1} ms again ({n} rows)",
            cold.as_secs_f64() * 1e3,
            t.elapsed().as_secs_f64() * 1e3
        );
    };
    let country = EventQuery { country: Some(a.clone()), ..Default::default() };
    let pair = EventQuery { country: Some(a.clone()), with: Some(b.clone()), ..Default::default() };
    let by_person = EventQuery { person: Some(person.clone()), ..Default::default() };
    time("latest_events(country, 20)", &|s| s.latest_events(&country, 20).unwrap().len());
    time("latest_events(pair, 20)", &|s| s.latest_events(&pair, 20).unwrap().len());
    time("latest_events(person, 20)", &|s| s.latest_events(&by_person, 20).unwrap().len());
    time("partners(country)", &|s| s.partners(a).unwrap().len());
    time("event_years(country)", &|s| s.event_years(a, None).unwrap().len());
    time("event_years(pair)", &|s| s.event_years(a, Some(b)).unwrap().len());
    time("profile(pair, 30, 50 periods)", &|s| s.profile(a, b, 30, Some(50)).unwrap().events.len());
    let figs = FigureQuery { pair: Some((a.clone(), b.clone())), ..Default::default() };
    time("first_figures(pair, 50)", &|s| s.first_figures(&figs, 50).unwrap().len());
    time("person(name, 50)", &|s| s.person(person, 50).unwrap().events.len());
    time("search_count(Tokayev)", &|s| s.search_count("Tokayev", 10_000).unwrap());
    time("search_page(Tokayev, 20)", &|s| s.search_page("Tokayev", 20, 0).unwrap().len());
    time("search_page(trade turnover, 20)", &|s| s.search_page("trade turnover", 20, 0).unwrap().len());
}
