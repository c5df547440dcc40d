//! Paints the link-preview pictures: each SVG preview of a widget or a scene
//! as a 1200×630 PNG (the size link unfurlers show, and they show no SVG),
//! scaled to fit with a margin on a white background.
//!
//! Run natively by the build's post-build hook (scripts/pages.py):
//!
//! ```sh
//! cargo run --release -q -p dials-png -- in.svg out.png [in.svg out.png …]
//! ```
//!
//! Text is drawn with the system's fonts; with none installed it is left out.

use std::collections::HashMap;
use std::process::ExitCode;

use resvg::{tiny_skia, usvg};

/// The picture's size, px: what link previews are drawn at.
const WIDTH: u32 = 1200;
const HEIGHT: u32 = 630;
/// The white border around the figure, px.
const MARGIN: f32 = 48.0;
/// Families tried, in order, for the previews' `sans-serif`: fontdb's own
/// default (Arial) is rarely installed on Linux.
const SANS: &[&str] = &[
    "DejaVu Sans",
    "Liberation Sans",
    "Noto Sans",
    "Arial",
    "Helvetica",
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.len() % 2 != 0 {
        eprintln!("usage: dials-png IN.svg OUT.png [IN.svg OUT.png …]");
        return ExitCode::from(2);
    }
    let options = options();
    for pair in args.chunks(2) {
        let (from, to) = (&pair[0], &pair[1]);
        let done = std::fs::read(from)
            .map_err(|e| e.to_string())
            .and_then(|svg| picture(&svg, &options))
            .and_then(|png| std::fs::write(to, png).map_err(|e| e.to_string()));
        if let Err(e) = done {
            eprintln!("dials-png: {from}: {e}");
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

/// Parsing options with the system's fonts loaded once for every picture.
fn options() -> usvg::Options<'static> {
    let mut options = usvg::Options::default();
    let fonts = options.fontdb_mut();
    fonts.load_system_fonts();
    let installed = |family: &str| {
        fonts
            .faces()
            .any(|face| face.families.iter().any(|(name, _)| name == family))
    };
    let sans = SANS.iter().find(|f| installed(f)).map(|f| (*f).to_owned());
    // why: any installed family draws the text better than none at all.
    let sans = sans.or_else(|| {
        fonts
            .faces()
            .find_map(|face| face.families.first().map(|(name, _)| name.clone()))
    });
    if let Some(family) = sans {
        fonts.set_sans_serif_family(family);
    }
    options
}

/// The PNG file of one SVG document.
fn picture(svg: &[u8], options: &usvg::Options) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_data(svg, options).map_err(|e| e.to_string())?;
    let size = tree.size();
    let (scale, dx, dy) = fit(size.width(), size.height());
    let mut pixmap = tiny_skia::Pixmap::new(WIDTH, HEIGHT).ok_or("no room for the picture")?;
    pixmap.fill(tiny_skia::Color::WHITE);
    let transform = tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, dx, dy);
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    // why: over an opaque background every pixel is opaque, so the
    // premultiplied RGBA is plain RGB with an alpha of 255 to drop.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    encode(&rgb, WIDTH, HEIGHT)
}

/// Scale and offset that fit a `w`×`h` figure inside the picture's margins,
/// centred.
fn fit(w: f32, h: f32) -> (f32, f32, f32) {
    let room_w = WIDTH as f32 - 2.0 * MARGIN;
    let room_h = HEIGHT as f32 - 2.0 * MARGIN;
    let scale = (room_w / w).min(room_h / h);
    let dx = (WIDTH as f32 - w * scale) / 2.0;
    let dy = (HEIGHT as f32 - h * scale) / 2.0;
    (scale, dx, dy)
}

/// Encodes RGB pixels as a PNG: with a palette when there are at most 256
/// colours (flat figures often have), else as RGB, compressed hard.
fn encode(rgb: &[u8], width: u32, height: u32) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::High);
    let data = match palette(rgb) {
        Some((colours, indices)) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_palette(colours);
            indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgb);
            rgb.to_vec()
        }
    };
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The image's colours (as PLTE bytes) and each pixel's index, or `None`
/// past 256 colours.
fn palette(rgb: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut index: HashMap<[u8; 3], u8> = HashMap::new();
    let mut colours = Vec::new();
    let mut indices = Vec::with_capacity(rgb.len() / 3);
    for p in rgb.chunks_exact(3) {
        let key = [p[0], p[1], p[2]];
        let i = match index.get(&key) {
            Some(&i) => i,
            None => {
                let i = u8::try_from(index.len()).ok()?;
                index.insert(key, i);
                colours.extend_from_slice(&key);
                i
            }
        };
        indices.push(i);
    }
    Some((colours, indices))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(png: &[u8]) -> (png::OutputInfo, Vec<u8>) {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("a PNG");
        let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
        let info = reader.next_frame(&mut buf).expect("a frame");
        buf.truncate(info.buffer_size());
        (info, buf)
    }

    #[test]
    fn a_figure_is_centred_inside_the_margins() {
        // Square: the height limits it.
        let (s, dx, dy) = fit(240.0, 240.0);
        assert_eq!(dy, MARGIN);
        assert!((240.0 * s - (HEIGHT as f32 - 2.0 * MARGIN)).abs() < 1e-3);
        assert!((dx * 2.0 + 240.0 * s - WIDTH as f32).abs() < 1e-3);
        // Very wide: the width limits it.
        let (s, dx, dy) = fit(1000.0, 100.0);
        assert_eq!(dx, MARGIN);
        assert!((dy * 2.0 + 100.0 * s - HEIGHT as f32).abs() < 1e-3);
    }

    #[test]
    fn a_picture_is_1200_by_630_on_white_with_the_figure_inside() {
        let svg = br##"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10" fill="#ff0000"/></svg>"##;
        let png = picture(svg, &usvg::Options::default()).expect("painted");
        let (info, pixels) = decode(&png);
        assert_eq!((info.width, info.height), (WIDTH, HEIGHT));
        // A flat figure has few colours: a palette, read back as indices.
        assert_eq!(info.color_type, png::ColorType::Indexed);
        let at = |x: usize, y: usize| pixels[y * WIDTH as usize + x];
        let (corner, centre) = (at(0, 0), at(600, 315));
        assert_ne!(corner, centre);
    }

    #[test]
    fn many_colours_are_written_as_rgb_and_few_as_a_palette() {
        let many: Vec<u8> = (0..300u32)
            .flat_map(|i| [(i % 256) as u8, (i / 256) as u8, 7])
            .collect();
        let (info, back) = decode(&encode(&many, 300, 1).expect("encoded"));
        assert_eq!(info.color_type, png::ColorType::Rgb);
        assert_eq!(back, many);
        let few = [1, 2, 3, 4, 5, 6, 1, 2, 3];
        let (info, back) = decode(&encode(&few, 3, 1).expect("encoded"));
        assert_eq!(info.color_type, png::ColorType::Indexed);
        assert_eq!(back, [0, 1, 0]);
    }
}
