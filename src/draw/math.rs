//! Sine, cosine, powers and logarithms for drawing. In the browser they come
//! from the engine's `Math`, which is already there; compiled in, they would
//! add about 10 KB of wasm. Natively (in tests) they are the standard ones.
//! Only drawing uses them: no simulated figure depends on them.

#[cfg(target_arch = "wasm32")]
mod imp {
    pub fn sin(x: f64) -> f64 {
        js_sys::Math::sin(x)
    }
    pub fn cos(x: f64) -> f64 {
        js_sys::Math::cos(x)
    }
    pub fn pow(x: f64, y: f64) -> f64 {
        js_sys::Math::pow(x, y)
    }
    pub fn log10(x: f64) -> f64 {
        js_sys::Math::log10(x)
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn sin(x: f64) -> f64 {
        x.sin()
    }
    pub fn cos(x: f64) -> f64 {
        x.cos()
    }
    pub fn pow(x: f64, y: f64) -> f64 {
        x.powf(y)
    }
    pub fn log10(x: f64) -> f64 {
        x.log10()
    }
}

pub use imp::{cos, log10, pow, sin};
