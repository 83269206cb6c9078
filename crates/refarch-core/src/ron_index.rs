//! A span index over RON text: where every field name, value and list item sits.
//!
//! `ron` reports where a syntax or type error happened, but a parsed [`crate::Scenario`]
//! no longer knows where its parts came from. Validation needs those places ("duplicate id,
//! first defined here"), so this module walks the same text once more and records byte
//! ranges. It only has to understand RON that `ron` itself accepted; on anything it does not
//! understand it gives up and validation falls back to diagnostics without source labels.

use std::ops::Range;

/// A byte range in the source text.
pub(crate) type Span = Range<usize>;

/// One RON value and where it sits.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Node {
    pub(crate) span: Span,
    pub(crate) kind: NodeKind,
}

/// The shape of a RON value, as far as spans are concerned.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum NodeKind {
    /// `Name(field: value, ...)` or `(field: value, ...)`.
    Struct(Vec<Field>),
    /// `[a, b]`, `(a, b)`, `Name(a, b)`, `{k: v}` (keys and values alternate).
    Seq(Vec<Node>),
    /// Strings, numbers, identifiers, `true`, `None`...
    Scalar,
}

/// A named field of a struct.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Field {
    pub(crate) name: String,
    pub(crate) name_span: Span,
    pub(crate) value: Node,
}

impl Node {
    /// The field called `name`, if this is a struct that has one.
    pub(crate) fn field(&self, name: &str) -> Option<&Field> {
        match &self.kind {
            NodeKind::Struct(fields) => fields.iter().find(|f| f.name == name),
            _ => None,
        }
    }

    /// The items of a list (or the inner value's items for `Some([...])`).
    pub(crate) fn items(&self) -> &[Node] {
        match &self.kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }
}

/// Parses `text` into a span tree, or `None` if it is not RON this index understands.
pub(crate) fn index(text: &str) -> Option<Node> {
    let mut p = Parser {
        s: text.as_bytes(),
        pos: 0,
        depth: 0,
    };
    p.skip_trivia()?;
    // Leading `#![enable(...)]` attributes.
    while p.peek() == Some(b'#') {
        p.skip_until_after(b']')?;
        p.skip_trivia()?;
    }
    let node = p.value()?;
    p.skip_trivia()?;
    (p.pos == p.s.len()).then_some(node)
}

/// Nesting beyond this is refused rather than risking the stack.
const MAX_DEPTH: usize = 128;

struct Parser<'a> {
    s: &'a [u8],
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn skip_until_after(&mut self, b: u8) -> Option<()> {
        while let Some(c) = self.peek() {
            self.pos += 1;
            if c == b {
                return Some(());
            }
        }
        None
    }

    /// Skips whitespace and comments; `None` on an unclosed block comment.
    fn skip_trivia(&mut self) -> Option<()> {
        loop {
            match (self.peek(), self.s.get(self.pos + 1)) {
                (Some(c), _) if c.is_ascii_whitespace() => self.pos += 1,
                (Some(b'/'), Some(b'/')) => {
                    while self.peek().is_some_and(|c| c != b'\n') {
                        self.pos += 1;
                    }
                }
                (Some(b'/'), Some(b'*')) => {
                    self.pos += 2;
                    let mut level = 1;
                    while level > 0 {
                        match (self.peek()?, self.s.get(self.pos + 1)) {
                            (b'*', Some(b'/')) => {
                                level -= 1;
                                self.pos += 2;
                            }
                            (b'/', Some(b'*')) => {
                                level += 1;
                                self.pos += 2;
                            }
                            _ => self.pos += 1,
                        }
                    }
                }
                _ => return Some(()),
            }
        }
    }

    fn ident(&mut self) -> Option<Span> {
        let start = self.pos;
        // Raw identifiers: r#name
        if self.s[self.pos..].starts_with(b"r#") {
            self.pos += 2;
        }
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_' || c >= 0x80)
        {
            self.pos += 1;
        }
        (self.pos > start).then_some(start..self.pos)
    }

    fn value(&mut self) -> Option<Node> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Option<Node> {
        let start = self.pos;
        let c = self.peek()?;
        let kind = match c {
            b'"' => {
                self.string()?;
                NodeKind::Scalar
            }
            b'r' if matches!(self.s.get(self.pos + 1), Some(b'"' | b'#'))
                && !self.s[self.pos..].starts_with(b"r#\"") =>
            {
                // `r#ident` (raw identifier) is handled below; `r"..."`/`r#"..."#` here.
                self.raw_string()?;
                NodeKind::Scalar
            }
            b'r' if self.s[self.pos..].starts_with(b"r#\"") => {
                self.raw_string()?;
                NodeKind::Scalar
            }
            b'b' if self.s.get(self.pos + 1) == Some(&b'"') => {
                self.pos += 1;
                self.string()?;
                NodeKind::Scalar
            }
            b'\'' => {
                self.pos += 1;
                if self.eat(b'\\') {
                    self.pos += 1;
                }
                self.skip_until_after(b'\'')?;
                NodeKind::Scalar
            }
            b'[' => {
                self.pos += 1;
                NodeKind::Seq(self.seq(b']')?)
            }
            b'{' => {
                self.pos += 1;
                self.map()?
            }
            b'(' => {
                self.pos += 1;
                self.paren_body()?
            }
            c if c.is_ascii_digit() || matches!(c, b'-' | b'+' | b'.') => {
                while self.peek().is_some_and(|c| {
                    c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'+')
                }) {
                    self.pos += 1;
                }
                NodeKind::Scalar
            }
            _ => {
                self.ident()?;
                let after = self.pos;
                self.skip_trivia()?;
                if self.eat(b'(') {
                    self.paren_body()?
                } else {
                    self.pos = after;
                    NodeKind::Scalar
                }
            }
        };
        Some(Node {
            span: start..self.pos,
            kind,
        })
    }

    fn string(&mut self) -> Option<()> {
        self.pos += 1; // opening quote
        loop {
            match self.peek()? {
                b'\\' => self.pos += 2,
                b'"' => {
                    self.pos += 1;
                    return Some(());
                }
                _ => self.pos += 1,
            }
        }
    }

    fn raw_string(&mut self) -> Option<()> {
        self.pos += 1; // r
        let mut hashes = 0;
        while self.eat(b'#') {
            hashes += 1;
        }
        if !self.eat(b'"') {
            return None;
        }
        loop {
            if self.peek()? == b'"' {
                let end = self.pos + 1;
                if self.s.len() >= end + hashes
                    && self.s[end..end + hashes].iter().all(|&c| c == b'#')
                {
                    self.pos = end + hashes;
                    return Some(());
                }
            }
            self.pos += 1;
        }
    }

    /// After `(`: named fields (`a: 1, b: 2`) or a tuple (`1, 2`).
    fn paren_body(&mut self) -> Option<NodeKind> {
        self.skip_trivia()?;
        let save = self.pos;
        let named = self.ident().is_some() && {
            self.skip_trivia()?;
            self.peek() == Some(b':')
        };
        self.pos = save;
        if !named {
            return Some(NodeKind::Seq(self.seq(b')')?));
        }
        let mut fields = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(b')') {
                return Some(NodeKind::Struct(fields));
            }
            let name_span = self.ident()?;
            self.skip_trivia()?;
            if !self.eat(b':') {
                return None;
            }
            self.skip_trivia()?;
            let value = self.value()?;
            let name = String::from_utf8_lossy(&self.s[name_span.clone()]).into_owned();
            fields.push(Field {
                name,
                name_span,
                value,
            });
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                return self.eat(b')').then_some(NodeKind::Struct(fields));
            }
        }
    }

    fn seq(&mut self, close: u8) -> Option<Vec<Node>> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(close) {
                return Some(items);
            }
            items.push(self.value()?);
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                return self.eat(close).then_some(items);
            }
        }
    }

    fn map(&mut self) -> Option<NodeKind> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(b'}') {
                return Some(NodeKind::Seq(items));
            }
            items.push(self.value()?);
            self.skip_trivia()?;
            if !self.eat(b':') {
                return None;
            }
            self.skip_trivia()?;
            items.push(self.value()?);
            self.skip_trivia()?;
            if !self.eat(b',') {
                self.skip_trivia()?;
                return self.eat(b'}').then_some(NodeKind::Seq(items));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_fields_and_items() {
        let text = "Scenario(id: \"a\", zones: [Zone(id: \"z\"), Zone(id: \"y\")],) // end";
        let root = index(text).expect("valid RON");
        let zones = &root.field("zones").expect("zones").value;
        assert_eq!(zones.items().len(), 2);
        let second = &zones.items()[1];
        assert_eq!(&text[second.span.clone()], "Zone(id: \"y\")");
        let id = second.field("id").expect("id");
        assert_eq!(&text[id.value.span.clone()], "\"y\"");
        assert_eq!(&text[id.name_span.clone()], "id");
    }

    #[test]
    fn handles_comments_escapes_and_tuples() {
        let text = "/* a /* nested */ */ (a: \"q\\\"uote\", b: Some((1, 2)), c: r#\"raw\"#, d: {\"k\": 1})";
        let root = index(text).expect("valid RON");
        assert!(root.field("b").is_some());
        assert_eq!(
            &text[root.field("c").expect("c").value.span.clone()],
            "r#\"raw\"#"
        );
    }

    #[test]
    fn refuses_broken_text() {
        assert_eq!(index("Scenario(id: \"a\""), None);
        assert_eq!(index("Scenario(id \"a\")"), None);
        assert_eq!(index("[1, 2"), None);
    }
}
