// The AST dump: declarations one part per line with line:col, expressions as S-expressions.
#include "syntax/ast_dump.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "support/date.hpp"
#include "support/number_format.hpp"
#include "support/utf8.hpp"

namespace qpl::syntax {
namespace {

// The source spelling in one S-expression atom: "starts with" dumps as starts-with.
std::string binary_name(BinaryOp op) {
  std::string name = binary_op_text(op);
  std::replace(name.begin(), name.end(), ' ', '-');
  return name;
}

const char* group_quantifier_name(GroupQuantifier q) {
  switch (q) {
    case GroupQuantifier::at_least: return "at-least";
    case GroupQuantifier::all: return "all-of";
    case GroupQuantifier::any: return "any-of";
    case GroupQuantifier::none: return "none-of";
  }
  return "?";
}

void dump(std::string& out, const Expr& e);

void dump_children(std::string& out, const std::vector<ExprPtr>& items) {
  for (const auto& item : items) {
    out += ' ';
    dump(out, *item);
  }
}

void dump(std::string& out, const Expr& e) {
  std::visit(
      [&](const auto& k) {
        using K = std::decay_t<decltype(k)>;
        if constexpr (std::is_same_v<K, NumberLit>) {
          append_number(out, k.value);
        } else if constexpr (std::is_same_v<K, TextLit>) {
          append_json_string(out, k.value);
        } else if constexpr (std::is_same_v<K, BoolLit>) {
          out += k.value ? "true" : "false";
        } else if constexpr (std::is_same_v<K, DateLit>) {
          out += format_date(k.days);
        } else if constexpr (std::is_same_v<K, DurationLit>) {
          out += k.months ? fmt::format("(months {})", k.months) : fmt::format("(days {})", k.days);
        } else if constexpr (std::is_same_v<K, ListLit>) {
          out += "(list";
          dump_children(out, k.items);
          out += ')';
        } else if constexpr (std::is_same_v<K, Today>) {
          out += "today";
        } else if constexpr (std::is_same_v<K, LeadRef>) {
          out += "lead";
        } else if constexpr (std::is_same_v<K, Name>) {
          out += k.name;
        } else if constexpr (std::is_same_v<K, Member>) {
          out += "(. ";
          dump(out, *k.object);
          out += ' ' + k.member + ')';
        } else if constexpr (std::is_same_v<K, Call>) {
          out += "(call " + k.function;
          dump_children(out, k.args);
          out += ')';
        } else if constexpr (std::is_same_v<K, Unary>) {
          out += k.op == UnaryOp::not_ ? "(not " : "(neg ";
          dump(out, *k.operand);
          out += ')';
        } else if constexpr (std::is_same_v<K, Binary>) {
          out += fmt::format("({} ", binary_name(k.op));
          dump(out, *k.lhs);
          out += ' ';
          dump(out, *k.rhs);
          out += ')';
        } else if constexpr (std::is_same_v<K, In>) {
          out += k.negated ? "(not-in " : "(in ";
          dump(out, *k.value);
          out += ' ';
          dump(out, *k.list);
          out += ')';
        } else if constexpr (std::is_same_v<K, Between>) {
          out += "(between ";
          dump(out, *k.value);
          out += ' ';
          dump(out, *k.low);
          out += ' ';
          dump(out, *k.high);
          out += ')';
        } else if constexpr (std::is_same_v<K, Matches>) {
          out += "(matches ";
          dump(out, *k.value);
          out += ' ';
          append_json_string(out, k.pattern);
          out += ')';
        } else if constexpr (std::is_same_v<K, IsMissing>) {
          out += k.present ? "(is-present " : "(is-missing ";
          dump(out, *k.value);
          out += ')';
        } else if constexpr (std::is_same_v<K, Within>) {
          out += "(within ";
          dump(out, *k.value);
          out += k.months ? fmt::format(" (months {}))", k.months) : fmt::format(" (days {}))", k.days);
        } else if constexpr (std::is_same_v<K, ListQuery>) {
          out += fmt::format("({} ", quantifier_text(k.quantifier));
          if (k.project) {
            dump(out, *k.project);
            out += " (of ";
            dump(out, *k.list);
            out += ')';
          } else {
            dump(out, *k.list);
          }
          if (k.where) {
            out += " (where ";
            dump(out, *k.where);
            out += ')';
          }
          out += ')';
        } else if constexpr (std::is_same_v<K, GroupTest>) {
          out += fmt::format("({}", group_quantifier_name(k.quantifier));
          if (k.quantifier == GroupQuantifier::at_least) out += fmt::format(" {}", k.k);
          if (!k.group.empty()) {
            out += ' ' + k.group;
          } else {
            out += " (group";
            dump_children(out, k.items);
            out += ')';
          }
          out += ')';
        }
      },
      e.kind);
}

std::string quoted(std::string_view text) { return json_escape(text); }

std::string type_text(const TypeExpr& t) {
  switch (t.kind) {
    case TypeExprKind::number: return "number";
    case TypeExprKind::text: return "text";
    case TypeExprKind::boolean: return "bool";
    case TypeExprKind::date: return "date";
    case TypeExprKind::list: return "list of " + (t.element ? type_text(*t.element) : "?");
    case TypeExprKind::named: return t.name;
    case TypeExprKind::one_of: {
      std::string out = "one of (";
      for (std::size_t i = 0; i < t.values.size(); ++i) {
        if (i) out += ", ";
        out += quoted(t.values[i]);
      }
      return out + ")";
    }
  }
  return "?";
}

std::string value_text(const LiteralValue& v) {
  switch (v.kind) {
    case LiteralValue::Kind::unknown: return "unknown";
    case LiteralValue::Kind::number: return format_number(v.number);
    case LiteralValue::Kind::text: return quoted(v.text);
    case LiteralValue::Kind::boolean: return v.boolean ? "true" : "false";
    case LiteralValue::Kind::date: return format_date(v.date);
    case LiteralValue::Kind::stage: return "(stage " + v.text + ")";
    case LiteralValue::Kind::list: {
      std::string out = "[";
      for (std::size_t i = 0; i < v.items.size(); ++i) {
        if (i) out += ' ';
        out += value_text(v.items[i]);
      }
      return out + "]";
    }
    case LiteralValue::Kind::record: {
      std::string out = "{";
      for (std::size_t i = 0; i < v.entries.size(); ++i) {
        if (i) out += ' ';
        out += v.entries[i].key + ": " + value_text(v.entries[i].value);
      }
      return out + "}";
    }
  }
  return "?";
}

class Dumper {
 public:
  explicit Dumper(const SourceFile& file) : file_(file) {}

  void line(int indent, const std::string& text, Span span) {
    const auto pos = file_.position(span.begin);
    out_.append(static_cast<std::size_t>(indent) * 2, ' ');
    out_ += fmt::format("{} @{}:{}\n", text, pos.line, pos.column);
  }

  static std::string expr(const ExprPtr& e) { return e ? dump_expr(*e) : "<none>"; }
  static std::string label(const std::optional<std::string>& l) {
    return l ? " as " + quoted(*l) : "";
  }

  void fields(int indent, const std::vector<FieldDecl>& fields) {
    for (const auto& f : fields)
      line(indent,
           fmt::format("field {}: {}{}{}{}", f.name, type_text(f.type), f.optional ? "?" : "",
                       field_options_text(f, [](const std::string& t) { return quoted(t); }),
                       f.source ? " from " + quoted(*f.source) : ""),
           f.span);
  }

  void decl(const Decl& d) {
    std::visit(
        [&](const auto& k) {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, PolicyHeader>) {
            line(0, fmt::format("policy {}{}", quoted(k.name),
                                k.version ? fmt::format(" version {}", *k.version) : ""),
                 d.span);
          } else if constexpr (std::is_same_v<K, Import>) {
            line(0, "import " + quoted(k.path), d.span);
          } else if constexpr (std::is_same_v<K, FieldsBlock>) {
            line(0, "fields", d.span);
            fields(1, k.fields);
            for (const auto& m : k.missing_values) {
              std::string text = "missing values";
              for (const auto& v : m.values) text += ' ' + quoted(v);
              line(1, text, m.span);
            }
          } else if constexpr (std::is_same_v<K, RecordDecl>) {
            line(0, "record " + k.name, d.span);
            fields(1, k.fields);
          } else if constexpr (std::is_same_v<K, LetDecl>) {
            line(0, fmt::format("let {} = {}", k.name, expr(k.value)), d.span);
          } else if constexpr (std::is_same_v<K, IcpDecl>) {
            line(0, "icp " + k.name, d.span);
            for (const auto& c : k.clauses)
              line(1, fmt::format("{} {}{}", c.exclude ? "exclude" : "require", expr(c.condition),
                                  label(c.label)),
                   c.span);
          } else if constexpr (std::is_same_v<K, ScoreDecl>) {
            std::string head = "score " + k.name;
            if (k.low && k.high) head += " from " + format_number(*k.low) + " to " + format_number(*k.high);
            line(0, head, d.span);
            for (const auto& r : k.rules) {
              std::string text = fmt::format("rule {}{}", r.points >= 0 ? "+" : "", format_number(r.points));
              if (r.per && r.decay) {
                const auto& q = std::get<ListQuery>(r.per->kind);
                text += " per " + expr(q.list);
                if (q.where) text += " where " + expr(q.where);
                text += " " + decay_clause_text(*r.decay, decay_period_text(*r.decay));
              } else if (r.per) {
                text += " per " + expr(r.per);
              }
              if (r.when) text += " when " + expr(r.when);
              if (r.up_to) text += " up to " + format_number(*r.up_to);
              if (r.in_force_from) text += " from " + format_date(*r.in_force_from);
              if (r.in_force_until) text += " until " + format_date(*r.in_force_until);
              line(1, text + label(r.label), r.span);
            }
          } else if constexpr (std::is_same_v<K, GatesDecl>) {
            line(0, "gates " + k.name, d.span);
            for (const auto& c : k.checks)
              line(1, fmt::format("check {} when {}{}", c.label, expr(c.condition), label(c.as_label)),
                   c.span);
          } else if constexpr (std::is_same_v<K, FunnelDecl>) {
            line(0, k.forward_only ? "funnel forward-only" : "funnel", d.span);
            for (const auto& o : k.orders) {
              std::string text = "order";
              for (const auto& stage : o.stages) text += " " + stage;
              line(1, text, o.span);
            }
            for (const auto& s : k.slas) line(1, fmt::format("sla {} within {}", s.stage, s.within), s.span);
            for (const auto& l : k.recycles)
              line(1, fmt::format("recycle to {} when {}{} because {}", l.stage, expr(l.condition),
                                  label(l.label), quoted(l.because)),
                   l.span);
            for (const auto& l : k.lines)
              line(1,
                   fmt::format("stage {} {}{} because {}", l.stage,
                               l.condition ? "when " + expr(l.condition) : "otherwise",
                               label(l.label), quoted(l.because)),
                   l.span);
          } else if constexpr (std::is_same_v<K, GradeDecl>) {
            line(0, k.of ? "bands " + k.name + " of " + expr(k.of) : "grade " + k.name, d.span);
            for (const auto& l : k.lines) {
              std::string text = "line " + quoted(l.label);
              if (l.otherwise) text += " otherwise";
              else if (l.below) text += " below " + format_number(*l.below);
              else text += " when " + expr(l.condition);
              line(1, text, l.span);
            }
          } else if constexpr (std::is_same_v<K, AccountDecl>) {
            line(0, "account by " + k.key, d.span);
            for (const auto& l : k.lets)
              line(1, fmt::format("let {} = {}", l.name, expr(l.value)),
                   Span{l.name_span.file, l.name_span.begin, l.value->span.end});
          } else if constexpr (std::is_same_v<K, TestDecl>) {
            line(0, "test " + quoted(k.name), d.span);
            if (k.as_of) out_ += fmt::format("  as of {}\n", format_date(*k.as_of));
            if (k.lead) line(1, "lead " + value_text(*k.lead), k.lead_span);
            if (k.leads_from) line(1, "leads from " + json_escape(*k.leads_from), k.leads_span);
            for (const auto& e : k.expectations)
              line(1, fmt::format("expect {} = {}", expr(e.expr), value_text(e.expected)), e.span);
          }
        },
        d.kind);
  }

  std::string take() { return std::move(out_); }

 private:
  const SourceFile& file_;
  std::string out_;
};

}  // namespace

std::string dump_expr(const Expr& expr) {
  std::string out;
  dump(out, expr);
  return out;
}

std::string dump_module(const Module& module, const SourceFile& file) {
  Dumper d(file);
  for (const auto& decl : module.decls) d.decl(decl);
  std::string out = d.take();
  if (!module.comments.empty()) out += fmt::format("comments {}\n", module.comments.size());
  return out;
}

}  // namespace qpl::syntax
