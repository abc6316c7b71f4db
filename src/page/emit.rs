//! Pages leave the page stage as they are finished, so that a long document is never held
//! whole: the flow hands each full page here, which completes it — the masthead on the first
//! page, the running head and foot, the links — and passes it on to the caller's sink (the PDF
//! writer paints it and drops it).
//!
//! A page is held back while something may still change it: the last page (the end block goes
//! at its foot, see [`super::endblock`]) and a page whose references (`见图3`) point at a figure
//! or table not laid out yet (the link needs its place). Everything else goes at once, in
//! order.

use super::structure::Links;
use super::{endblock, running, Page, Placed, Report};
use crate::resolve::Document;
use crate::units::Pt;
use std::collections::{BTreeSet, VecDeque};

/// Where finished pages go.
pub type Sink<'s> = dyn FnMut(Page) + 's;

/// Completes the flow's pages and sends them on.
pub struct Emitter<'a> {
    doc: &'a Document,
    sink: &'a mut Sink<'a>,
    /// The masthead's items, for the first page.
    head: Option<Vec<super::Item>>,
    /// Finished pages not sent yet: index, page, and the blocks its references wait for.
    held: VecDeque<(usize, Page, BTreeSet<usize>)>,
    /// The index the next page pushed gets.
    next: usize,
    links: Links<'a>,
    /// What setting the running heads had to say: kept apart from the body's warnings, which
    /// are still being made while pages go out, and put after them at the end (the order a
    /// reader of the warnings expects: the body, the end block, the running heads).
    furniture: Report,
}

impl<'a> Emitter<'a> {
    /// `said` holds the slot warnings given already (the masthead's): a running head repeats
    /// them on every page, and they are said once.
    pub fn new(
        doc: &'a Document,
        head: Vec<super::Item>,
        said: BTreeSet<String>,
        sink: &'a mut Sink<'a>,
    ) -> Emitter<'a> {
        Emitter {
            doc,
            sink,
            head: Some(head),
            held: VecDeque::new(),
            next: 0,
            links: Links::new(doc),
            furniture: Report {
                said,
                ..Report::default()
            },
        }
    }

    /// Takes a page the flow has finished.
    pub fn push(&mut self, mut page: Page) {
        let index = self.next;
        self.next += 1;
        if index == 0 {
            // The masthead's lines are text like any other; its rules are decoration.
            if let Some(head) = self.head.take() {
                let mut items: Vec<Placed> =
                    Placed::furniture(head, crate::resolve::Role::MastheadName).collect();
                items.append(&mut page.items);
                page.items = items;
            }
        }
        let waits = self.links.note(index, &page);
        self.held.push_back((index, page, waits));
        self.release();
    }

    /// Sends the pages at the front that nothing can change any more: all but the last, up to
    /// the first that waits for a target not placed yet.
    fn release(&mut self) {
        while self.held.len() > 1 {
            let waiting = self.held[0].2.iter().any(|&b| !self.links.placed(b));
            if waiting {
                break;
            }
            let (index, page, _) = self.held.pop_front().expect("more than one");
            self.send(index, page);
        }
    }

    fn send(&mut self, index: usize, mut page: Page) {
        running::add(self.doc, index, &mut page, &mut self.furniture);
        self.links.mark(&mut page);
        (self.sink)(page);
    }

    /// After the flow: the end block goes at the foot of the last page (or on pages of its
    /// own), then every page still held goes out. `used` is how far down the last page's text
    /// block the flow filled. Returns how many pages there are, and the running heads' report.
    pub fn finish(mut self, used: Pt, report: &mut Report) -> (usize, Report) {
        // The held pages are the last ones, in order (the flow always finishes at least one,
        // so the masthead is on a page already); the end block may add pages after them.
        let first = self.held.front().map_or(self.next, |h| h.0);
        let mut pages: Vec<Page> = self.held.drain(..).map(|(_, p, _)| p).collect();
        endblock::place(self.doc, &mut pages, used, report);
        let count = first + pages.len();
        for (k, page) in pages.into_iter().enumerate() {
            self.send(first + k, page);
        }
        (count, self.furniture)
    }
}
