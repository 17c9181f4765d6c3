#include "format/printer.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <type_traits>

#include "format/expr_printer.hpp"
#include "format/layout.hpp"
#include "present/quote.hpp"
#include "format/source_scan.hpp"
#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::format {

using present::quote;

namespace {

std::uint32_t last_byte(Span span) { return span.end > span.begin ? span.end - 1 : span.begin; }

std::string padded(std::string text, std::size_t width) {
  const std::size_t w = display_width(text);
  if (w < width) text.append(width - w, ' ');
  return text;
}

// The lines of one item of a block (a rule, a check...) before they join the file, so the
// block can align what its items share (`when`, labels) before writing them.
struct Item {
  std::vector<Line> lines;
  std::optional<std::string> label;  // `as "..."`, put in a column after the item
};

class ModulePrinter {
 public:
  ModulePrinter(const Module& module, const SourceFile& source)
      : module_(module), context_{source, module.comments} {}

  std::string print() {
    std::optional<DeclKindCase> previous;
    for (const Decl& decl : module_.decls) {
      // Consecutive imports and consecutive lets read as one group: the author decides.
      const bool grouped = previous && *previous == decl.kind_case() &&
                           (decl.kind_case() == DeclKindCase::import ||
                            decl.kind_case() == DeclKindCase::let);
      blank_ = grouped ? Blank::preserved : Blank::forced;
      std::visit([&](const auto& d) { print_decl(decl, d); }, decl.kind);
      previous = decl.kind_case();
    }
    return render_lines(out_.lines(), module_.comments, context_.source);
  }

 private:
  std::string_view text() const { return context_.source.text(); }

  // A top-level line.
  Line& top(std::uint32_t anchor) { return out_.start(0, anchor, blank_, next_group()); }
  std::uint32_t next_group() { return ++group_; }

  void open_block(const Decl& decl, std::string header) {
    top(decl.span.begin).code = std::move(header) + " {";
    block_group_ = next_group();
  }
  void close_block(const Decl& decl) { close_at(last_byte(decl.span), 0); }
  void close_at(std::uint32_t anchor, std::size_t indent, char brace = '}') {
    Line& line = out_.start(indent, anchor, Blank::never, block_group_);
    line.closes_block = true;
    line.code = std::string(1, brace);
  }

  // Starts an item line of the current block.
  Line& item_line(LineWriter& w, std::uint32_t anchor, std::size_t indent = 1) {
    const Blank blank = items_written_++ == 0 ? Blank::never : Blank::preserved;
    return w.start(indent, anchor, blank, block_group_);
  }

  // Writes the block's items, their labels in one column after the widest labelled item.
  void flush_items(std::vector<Item>& items) {
    std::size_t column = 0;
    for (const Item& item : items)
      if (item.label) column = std::max(column, line_width(item.lines.back()));
    for (Item& item : items) {
      if (item.label) {
        Line& last = item.lines.back();
        last.code = padded(std::move(last.code), column + 2 - last.indent * indent_width);
        last.code += "as " + quote(*item.label);
      }
      out_.append(std::move(item.lines));
    }
    items.clear();
  }
  static std::size_t line_width(const Line& line) {
    return line.indent * indent_width + display_width(line.code);
  }

  // An item whose text is `prefix` then `expr` (and `suffix`), written on its own lines.
  Item expression_item(std::uint32_t anchor, std::string prefix, const Expr* expr,
                       std::size_t indent = 1) {
    Item item;
    LineWriter w;
    item_line(w, anchor, indent).code = std::move(prefix);
    if (expr) ExprPrinter(context_, w, indent, block_group_).print(*expr, 1);
    item.lines = std::move(w.lines());
    return item;
  }

  // ---- declarations ------------------------------------------------------------------------

  void print_decl(const Decl& decl, const PolicyHeader& d) {
    std::string code = "policy " + quote(d.name);
    if (d.version) code += " version " + std::to_string(*d.version);
    top(decl.span.begin).code = std::move(code);
  }

  void print_decl(const Decl& decl, const Import& d) {
    top(decl.span.begin).code = "import " + quote(d.path);
  }

  void print_decl(const Decl& decl, const FieldsBlock& d) {
    open_block(decl, "fields");
    print_fields(d.fields, d.missing_values);
    close_block(decl);
  }

  void print_decl(const Decl& decl, const RecordDecl& d) {
    open_block(decl, "record " + d.name);
    print_fields(d.fields, {});
    close_block(decl);
  }

  void print_decl(const Decl& decl, const LetDecl& d) {
    top(decl.span.begin).code = "let " + d.name + " = ";
    ExprPrinter(context_, out_, 0, group_).print(*d.value, 1);
  }

  void print_decl(const Decl& decl, const IcpDecl& d) {
    open_block(decl, "icp " + d.name);
    items_written_ = 0;
    std::vector<Item> items;
    for (const IcpClause& c : d.clauses) {
      items.push_back(expression_item(c.span.begin, c.exclude ? "exclude " : "require ",
                                      c.condition.get()));
      items.back().label = c.label;
    }
    flush_items(items);
    close_block(decl);
  }

  void print_decl(const Decl& decl, const ScoreDecl& d) {
    std::string header = "score " + d.name;
    if (d.low && d.high) {
      const auto end = d.range_span.end > d.range_span.begin ? d.range_span.end : last_byte(decl.span);
      const auto low = number_after_word(text(), d.range_span.begin, end, "from");
      const auto high = number_after_word(text(), d.range_span.begin, end, "to");
      header += " from " + (low ? std::string(*low) : format_number(*d.low)) + " to " +
                (high ? std::string(*high) : format_number(*d.high));
    }
    open_block(decl, std::move(header));
    items_written_ = 0;

    std::vector<std::string> points;
    std::size_t points_width = 0;
    for (const ScoreRule& r : d.rules) {
      std::string p = context_.literal_text(r.points_span, format_number(r.points));
      if (p.front() != '+' && p.front() != '-') p.insert(0, r.points < 0 ? "-" : "+");
      points_width = std::max(points_width, display_width(p));
      points.push_back(std::move(p));
    }
    std::vector<Item> items;
    for (std::size_t i = 0; i < d.rules.size(); ++i) {
      const ScoreRule& r = d.rules[i];
      LineWriter w;
      item_line(w, r.span.begin).code = padded(points[i], points_width);
      ExprPrinter expr(context_, w, 1, block_group_);
      std::uint32_t after = r.points_span.end;
      if (r.per && r.decay) {
        print_decaying_per(w, expr, r);
        after = std::max(after, r.decay->span.end);
      } else if (r.per) {
        w.code() += " per ";
        expr.print(*r.per, 1);
        after = std::max(after, r.per->span.end);
      }
      if (r.when) {
        w.code() += " when ";
        expr.print(*r.when, 1);
        after = std::max(after, r.when->span.end);
      }
      if (r.up_to) {
        const auto to = number_after_word(text(), after, r.span.end, "to");  // `up to M`
        w.code() += " up to " + (to ? std::string(*to) : format_number(*r.up_to));
      }
      if (r.in_force_from) w.code() += " from " + format_date(*r.in_force_from);
      if (r.in_force_until) w.code() += " until " + format_date(*r.in_force_until);
      Item item;
      item.lines = std::move(w.lines());
      item.label = r.label;
      items.push_back(std::move(item));
    }
    flush_items(items);
    close_block(decl);
  }

  // `per LIST [where COND] decaying ...`: the rule's `count(LIST where COND)` written as the list.
  void print_decaying_per(LineWriter& w, ExprPrinter& expr, const ScoreRule& r) {
    const auto& q = std::get<ListQuery>(r.per->kind);
    w.code() += " per ";
    expr.print(*q.list, 1);
    if (q.where) {
      w.code() += " where ";
      expr.print(*q.where, 1);
    }
    const std::string period = context_.collapsed_text(r.decay->period_span);
    w.code() += " " + decay_clause_text(*r.decay, period.empty() ? decay_period_text(*r.decay) : period);
  }

  // `account by FIELD {` then one let a line, their `=` in one column (as a gates' `when`).
  void print_decl(const Decl& decl, const AccountDecl& d) {
    open_block(decl, "account by " + d.key);
    items_written_ = 0;
    std::size_t width = 0;
    for (const LetDecl& l : d.lets) width = std::max(width, display_width(l.name));
    std::vector<Item> items;
    for (const LetDecl& l : d.lets)
      items.push_back(expression_item(l.name_span.begin, "let " + padded(l.name, width) + " = ",
                                      l.value.get()));
    flush_items(items);
    close_block(decl);
  }

  void print_decl(const Decl& decl, const GatesDecl& d) {
    open_block(decl, "gates " + d.name);
    items_written_ = 0;
    std::size_t width = 0;
    for (const GateCheck& c : d.checks) width = std::max(width, display_width(c.label));
    std::vector<Item> items;
    for (const GateCheck& c : d.checks) {
      items.push_back(expression_item(c.span.begin, padded(c.label, width) + " when ",
                                      c.condition.get()));
      items.back().label = c.as_label;
    }
    flush_items(items);
    close_block(decl);
  }

  // The lines in the order written: stage lines, the `order` line and `recycle to` lines of a
  // forward-only funnel. Labels line up within each run of stage lines or of recycle lines.
  void print_decl(const Decl& decl, const FunnelDecl& d) {
    open_block(decl, d.forward_only ? "funnel forward-only" : "funnel");
    items_written_ = 0;
    std::size_t width = 0;
    for (const FunnelLine& l : d.lines) width = std::max(width, display_width(l.stage));
    enum class Kind { stage, order, recycle, sla };
    struct Written {
      std::uint32_t at;
      Kind kind;
      std::size_t index;
    };
    std::vector<Written> written;
    for (std::size_t i = 0; i < d.lines.size(); ++i) written.push_back({d.lines[i].span.begin, Kind::stage, i});
    for (std::size_t i = 0; i < d.orders.size(); ++i) written.push_back({d.orders[i].span.begin, Kind::order, i});
    for (std::size_t i = 0; i < d.recycles.size(); ++i) written.push_back({d.recycles[i].span.begin, Kind::recycle, i});
    for (std::size_t i = 0; i < d.slas.size(); ++i) written.push_back({d.slas[i].span.begin, Kind::sla, i});
    std::stable_sort(written.begin(), written.end(), [](const Written& a, const Written& b) { return a.at < b.at; });
    std::vector<Item> items;
    std::optional<Kind> run;
    for (const Written& w : written) {
      if (run && *run != w.kind) flush_items(items);
      run = w.kind;
      if (w.kind == Kind::order) {
        std::string text = "order";
        const FunnelOrder& order = d.orders[w.index];
        for (std::size_t i = 0; i < order.stages.size(); ++i) text += (i == 0 ? " " : " < ") + order.stages[i];
        items.push_back(expression_item(w.at, std::move(text), nullptr));
        continue;
      }
      if (w.kind == Kind::sla) {
        const FunnelSla& sla = d.slas[w.index];
        items.push_back(expression_item(w.at, "sla " + sla.stage + " within " + sla.within, nullptr));
        continue;
      }
      if (w.kind == Kind::recycle) {
        const RecycleLine& l = d.recycles[w.index];
        const std::string head = "recycle to " + l.stage + " when ";
        // Without a label the condition's text is the `because` (R38): kept as written.
        items.push_back(l.label ? expression_item(w.at, head, l.condition.get())
                                : expression_item(w.at, head + l.because, nullptr));
        items.back().label = l.label;
        continue;
      }
      const FunnelLine& l = d.lines[w.index];
      const std::string stage = padded(l.stage, width);
      if (!l.condition) {
        items.push_back(expression_item(l.span.begin, stage + " otherwise", nullptr));
      } else if (!l.label && !l.because.empty()) {
        // Without a label the condition's text is the lead's `because` (R38): keep it as
        // written, so formatting never changes what a result says.
        items.push_back(expression_item(l.span.begin, stage + " when " + l.because, nullptr));
      } else {
        items.push_back(expression_item(l.span.begin, stage + " when ", l.condition.get()));
      }
      items.back().label = l.label;
    }
    flush_items(items);
    close_block(decl);
  }

  // Labels in one column, as written (`"A"` or `warm`); one line each, commas dropped.
  void print_decl(const Decl& decl, const GradeDecl& d) {
    std::string header = "grade " + d.name;
    if (d.of) {
      LineWriter scratch;
      header = "bands " + d.name + " of " + ExprPrinter(context_, scratch, 0, block_group_).flat(*d.of);
    }
    open_block(decl, std::move(header));
    items_written_ = 0;
    std::vector<std::string> labels;
    std::size_t width = 0;
    for (const GradeLine& l : d.lines) {
      labels.push_back(l.quoted ? quote(l.label) : l.label);
      width = std::max(width, display_width(labels.back()));
    }
    std::vector<Item> items;
    for (std::size_t i = 0; i < d.lines.size(); ++i) {
      const GradeLine& l = d.lines[i];
      const std::string label = padded(labels[i], width);
      if (l.otherwise) {
        items.push_back(expression_item(l.span.begin, label + " otherwise", nullptr));
      } else if (l.below) {
        items.push_back(expression_item(
            l.span.begin, label + " below " + context_.literal_text(l.below_span, format_number(*l.below)),
            nullptr));
      } else {
        items.push_back(expression_item(l.span.begin, label + " when ", l.condition.get()));
      }
    }
    flush_items(items);
    close_block(decl);
  }

  void print_decl(const Decl& decl, const TestDecl& d) {
    open_block(decl, "test " + quote(d.name));
    items_written_ = 0;
    if (d.as_of) {
      const auto at = find_words(text(), d.name_span.end, decl.span.end, "as", "of", 1);
      item_line(out_, at ? *at : d.name_span.end).code = "as of " + format_date(*d.as_of);
    }
    if (d.lead) {
      Line& line = item_line(out_, d.lead_span.begin);
      line.code = "lead ";
      print_value(*d.lead, 1, /*top_record=*/true);
    }
    if (d.leads_from) item_line(out_, d.leads_span.begin).code = "leads from " + quote(*d.leads_from);
    for (const Expectation& e : d.expectations) {
      item_line(out_, e.span.begin).code = "expect ";
      ExprPrinter(context_, out_, 1, block_group_).print(*e.expr, operand_level, true);
      out_.code() += " = ";
      print_value(e.expected, 1, false);
    }
    close_block(decl);
  }

  // ---- fields and records --------------------------------------------------------------------

  std::string type_text(const TypeExpr& t) const {
    switch (t.kind) {
      case TypeExprKind::number: return "number";
      case TypeExprKind::text: return "text";
      case TypeExprKind::boolean: return "bool";
      case TypeExprKind::date: return "date";
      case TypeExprKind::list: return "list of " + (t.element ? type_text(*t.element) : "text");
      case TypeExprKind::named: return t.name;
      case TypeExprKind::one_of: {
        std::string s = "one of (";
        for (std::size_t i = 0; i < t.values.size(); ++i) s += (i ? ", " : "") + quote(t.values[i]);
        return s + ")";
      }
    }
    return "text";
  }

  // A `one of` too long for its line, one value a line.
  void print_broken_one_of(const TypeExpr& t, std::string_view prefix, std::uint32_t close_anchor) {
    out_.code() += std::string(prefix) + "one of (";
    for (std::size_t i = 0; i < t.values.size(); ++i) {
      const std::uint32_t anchor = i < t.value_spans.size() ? t.value_spans[i].begin : t.span.begin;
      out_.start(2, anchor, i == 0 ? Blank::never : Blank::preserved, block_group_).code =
          quote(t.values[i]) + (i + 1 < t.values.size() ? "," : "");
    }
    Line& close = out_.start(1, close_anchor, Blank::never, block_group_);
    close.closes_block = true;
    close.code = ")";
  }

  void print_fields(const std::vector<FieldDecl>& fields,
                    const std::vector<MissingValues>& missing) {
    items_written_ = 0;
    std::size_t name_width = 0;
    for (const FieldDecl& f : fields) name_width = std::max(name_width, f.name.size() + 1);
    std::vector<std::string> heads;  // `name:  type?`
    std::vector<bool> broken;
    std::size_t from_width = 0;
    for (const FieldDecl& f : fields) {
      std::string head = padded(f.name + ":", name_width) + " " + type_text(f.type);
      if (f.optional) head += '?';
      head += field_options_text(f, [](const std::string& t) { return quote(t); });
      const bool too_long = indent_width + display_width(head) > max_line_width &&
                            (f.type.kind == TypeExprKind::one_of ||
                             (f.type.kind == TypeExprKind::list && f.type.element &&
                              f.type.element->kind == TypeExprKind::one_of));
      if (f.source && !too_long) from_width = std::max(from_width, display_width(head));
      heads.push_back(std::move(head));
      broken.push_back(too_long);
    }

    std::size_t fi = 0, mi = 0;
    while (fi < fields.size() || mi < missing.size()) {
      const bool take_field =
          mi >= missing.size() || (fi < fields.size() && fields[fi].span.begin < missing[mi].span.begin);
      if (!take_field) {
        const MissingValues& m = missing[mi++];
        std::string code = "missing values ";
        for (std::size_t i = 0; i < m.values.size(); ++i) code += (i ? ", " : "") + quote(m.values[i]);
        item_line(out_, m.span.begin).code = std::move(code);
        continue;
      }
      const FieldDecl& f = fields[fi];
      Line& line = item_line(out_, f.span.begin);
      if (!broken[fi]) {
        line.code = f.source ? padded(heads[fi], from_width) + " from " + quote(*f.source) : heads[fi];
      } else {
        const bool is_list = f.type.kind == TypeExprKind::list;
        const TypeExpr& one_of = is_list ? *f.type.element : f.type;
        std::string prefix = padded(f.name + ":", name_width) + (is_list ? " list of " : " ");
        print_broken_one_of(one_of, prefix, last_byte(f.type.span));
        if (f.optional) out_.code() += '?';
        out_.code() += field_options_text(f, [](const std::string& t) { return quote(t); });
        if (f.source) out_.code() += " from " + quote(*f.source);
      }
      ++fi;
    }
  }

  // ---- test literals -------------------------------------------------------------------------

  std::string flat_value(const LiteralValue& v) const {
    switch (v.kind) {
      case LiteralValue::Kind::unknown: return "unknown";
      case LiteralValue::Kind::number: return context_.literal_text(v.span, format_number(v.number));
      case LiteralValue::Kind::text: return quote(v.text);
      case LiteralValue::Kind::boolean: return v.boolean ? "true" : "false";
      case LiteralValue::Kind::date: return format_date(v.date);
      case LiteralValue::Kind::stage: return v.text;
      case LiteralValue::Kind::list: {
        std::string s = "[";
        for (std::size_t i = 0; i < v.items.size(); ++i) s += (i ? ", " : "") + flat_value(v.items[i]);
        return s + "]";
      }
      case LiteralValue::Kind::record: {
        if (v.entries.empty()) return "{}";
        std::string s = "{ ";
        for (std::size_t i = 0; i < v.entries.size(); ++i)
          s += (i ? ", " : "") + v.entries[i].key + ": " + flat_value(v.entries[i].value);
        return s + " }";
      }
    }
    return "unknown";
  }

  // Lists and records of a test are data tables: one written over several lines (or too long)
  // is printed one item a line; `lead { ... }` always is.
  bool breaks(const LiteralValue& v, bool top_record) const {
    const bool compound = v.kind == LiteralValue::Kind::list || v.kind == LiteralValue::Kind::record;
    if (!compound) return false;
    if (v.items.empty() && v.entries.empty()) return false;
    if (top_record) return true;
    const bool multi_line = context_.source.slice(v.span).find('\n') != std::string_view::npos;
    return multi_line || out_.column() + display_width(flat_value(v)) > max_line_width;
  }

  void print_value(const LiteralValue& v, std::size_t indent, bool top_record) {
    if (!breaks(v, top_record)) {
      out_.code() += flat_value(v);
      return;
    }
    if (v.kind == LiteralValue::Kind::list) {
      out_.code() += '[';
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        out_.start(indent + 1, v.items[i].span.begin, i == 0 ? Blank::never : Blank::preserved,
                   block_group_);
        print_value(v.items[i], indent + 1, false);
        if (i + 1 < v.items.size()) out_.code() += ',';
      }
      close_at(last_byte(v.span), indent, ']');
      return;
    }
    out_.code() += '{';
    print_entries(v.entries, indent + 1);
    close_at(last_byte(v.span), indent, '}');
  }

  // Entries the author wrote on one line stay on one line (a lead reads in groups: identity,
  // company, activity), unless that line gets too long or an entry's value is broken.
  void print_entries(const std::vector<LiteralEntry>& entries, std::size_t indent) {
    std::uint32_t previous_line = 0;
    bool previous_broken = false;
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const LiteralEntry& e = entries[i];
      const std::uint32_t source_line = context_.source.position(e.key_span.begin).line;
      const std::string flat = e.key + ": " + flat_value(e.value);
      const bool fits = out_.column() + 2 + display_width(flat) + 1 <= max_line_width;
      if (i == 0 || source_line != previous_line || previous_broken || !fits) {
        out_.start(indent, e.key_span.begin, i == 0 ? Blank::never : Blank::preserved, block_group_);
      } else {
        out_.code() += ' ';
      }
      const std::size_t lines_before = out_.lines().size();
      out_.code() += e.key + ": ";
      print_value(e.value, indent, false);
      if (i + 1 < entries.size()) out_.code() += ',';
      previous_broken = out_.lines().size() != lines_before;
      previous_line = source_line;
    }
  }

  const Module& module_;
  PrintContext context_;
  LineWriter out_;
  Blank blank_ = Blank::forced;
  std::uint32_t group_ = 0;
  std::uint32_t block_group_ = 0;
  std::size_t items_written_ = 0;
};

}  // namespace

std::string print_module(const Module& module, const SourceFile& source) {
  return ModulePrinter(module, source).print();
}

}  // namespace qpl::format
