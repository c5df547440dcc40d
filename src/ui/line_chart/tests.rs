//! Tests of the line chart: its dashes, its numbers as CSV and its end labels.

#[test]
fn a_dashed_line_runs_its_whole_length() {
    let d = dashes(&[(0, 0), (50, 0), (100, 0)], 7.0, 5.0);
    assert_eq!(d.len(), 9, "{d:?}");
    assert_eq!(d[0].first(), Some(&(0, 0)));
    assert!(d
        .last()
        .is_some_and(|l| l.last().is_some_and(|p| p.0 >= 96)));
    assert!(d.iter().all(|l| l.len() >= 2));
}

use super::*;

fn line(label: &str, points: &[(f64, f64)]) -> Series {
    Series {
        label: label.to_owned(),
        colour: "#000000",
        points: points.to_vec(),
        dashed: false,
    }
}

#[test]
fn lines_on_shared_x_make_one_column_each() {
    let d = LineChartData {
        series: vec![
            line("LRU", &[(1.0, 0.5), (2.0, 0.75)]),
            line("FIFO", &[(1.0, 0.4), (2.0, 0.6)]),
        ],
        x_label: "cache size".to_owned(),
        ..Default::default()
    };
    assert_eq!(
        lines_csv(&d),
        "cache size,LRU,FIFO\r\n1,0.5,0.4\r\n2,0.75,0.6\r\n"
    );
}

#[test]
fn lines_on_different_x_make_one_row_per_point() {
    let d = LineChartData {
        series: vec![
            line("a", &[(1.0, 2.0)]),
            line("b", &[(3.0, 4.0), (5.0, 6.0)]),
        ],
        x_label: "x".to_owned(),
        y_label: "y".to_owned(),
        ..Default::default()
    };
    assert_eq!(lines_csv(&d), "line,x,y\r\na,1,2\r\nb,3,4\r\nb,5,6\r\n");
}

#[test]
fn end_labels_move_apart_within_the_plot() {
    assert_eq!(
        spread_labels(&[100, 100, 100], 10, 0, 500),
        vec![100, 110, 120]
    );
    assert_eq!(spread_labels(&[50, 10], 10, 0, 500), vec![50, 10]);
    // Near the bottom the run slides back up.
    assert_eq!(spread_labels(&[200, 200], 10, 0, 205), vec![195, 205]);
}
