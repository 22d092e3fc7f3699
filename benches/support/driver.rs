//! The real app driven headless for the benches: `Context::run_ui` with `GlossApp::ui` and
//! `GlossApp::logic`, then `Context::tessellate`, timing the CPU cost of each frame.

#![allow(dead_code)]

use std::path::Path;
use std::time::Instant;

use eframe::App as _;
use eframe::egui::{self, Event, Modifiers, Pos2, RawInput, Rect, vec2};
use gloss::ui::dialogs::ScriptedDialogs;
use gloss::ui::{AppOptions, GlossApp};

pub const W: f32 = 1280.0;
pub const H: f32 = 800.0;

pub struct Driver {
    pub ctx: egui::Context,
    pub app: GlossApp,
    pub frame: eframe::Frame,
    pub time: f64,
    pub size: egui::Vec2,
}

impl Driver {
    pub fn open(dir: &Path) -> (Driver, f64) {
        let started = Instant::now();
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let mut app = GlossApp::new(
            &cc,
            AppOptions {
                corpus_dir: dir.to_path_buf(),
                more_articles: Vec::new(),
                dialogs: Box::new(ScriptedDialogs::default()),
            },
        );
        app.wait_for_open();
        let mut driver = Driver {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            time: 0.0,
            size: vec2(W, H),
        };
        driver.frame(Vec::new());
        (driver, started.elapsed().as_secs_f64() * 1e3)
    }

    /// Runs one frame with these events; returns its CPU time in ms.
    pub fn frame(&mut self, events: Vec<Event>) -> f64 {
        self.time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, self.size)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events,
            focused: true,
            ..RawInput::default()
        };
        let started = Instant::now();
        // As eframe does: housekeeping (autosave, outside changes) first, then the frame.
        self.app.logic(&self.ctx, &mut self.frame);
        let output = self
            .ctx
            .run_ui(input, |ui| self.app.ui(ui, &mut self.frame));
        let _meshes = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        started.elapsed().as_secs_f64() * 1e3
    }

    /// Frames until nothing more is requested (layout settling, smooth scrolling).
    pub fn settle(&mut self) {
        for _ in 0..10 {
            self.frame(Vec::new());
        }
    }
}

pub fn wheel(at: Pos2, dy: f32) -> Vec<Event> {
    vec![
        Event::PointerMoved(at),
        Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: Modifiers::NONE,
        },
    ]
}

pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}
