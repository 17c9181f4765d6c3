#include "lsp/symbol_index.hpp"

#include <deque>

namespace qpl::lsp {
namespace {

// The records whose elements a `where` condition reads, innermost first (Ref::depth counts
// from it).
struct ElementScope {
  const RecordType* record = nullptr;
  const ElementScope* outer = nullptr;
};

class Builder {
 public:
  explicit Builder(const CheckedPolicy& policy) : policy_(policy) {}

  SymbolIndex build() {
    for (const Module& module : policy_.modules)
      for (const Decl& decl : module.decls) declare(decl);
    for (const Module& module : policy_.modules)
      for (const Decl& decl : module.decls) refer(decl);
    return std::move(index_);
  }

 private:
  std::size_t define(Definition d) {
    if (auto existing = index_.find(d.kind, d.name, d.container)) {
      // A second declaration of the same name (an error the checker reports) or a stage's
      // next line: a use of the first one.
      index_.occurrences.push_back({d.name_span, *existing, false});
      return *existing;
    }
    const std::size_t id = index_.add(std::move(d));
    index_.occurrences.push_back({index_.definitions.back().name_span, id, true});
    return id;
  }

  void use(SymbolKind kind, std::string_view name, Span span, std::string_view container = {}) {
    if (auto id = index_.find(kind, name, container)) index_.occurrences.push_back({span, *id, false});
  }

  TypeRef field_type(const RecordType& record, std::string_view name) const {
    const int slot = record.field_index(name);
    return slot < 0 ? nullptr : record.fields[static_cast<std::size_t>(slot)].type;
  }

  void declare_field(const FieldDecl& f, SymbolKind kind, const RecordType* record,
                     std::string container) {
    Definition d{kind, f.name, std::move(container), f.name_span, f.span, &f, nullptr, nullptr};
    if (record) d.type = field_type(*record, f.name);
    define(std::move(d));
  }

  void declare(const Decl& decl) {
    std::visit(
        [&](const auto& k) {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, FieldsBlock>) {
            for (const FieldDecl& f : k.fields) declare_field(f, SymbolKind::field, &policy_.schema.lead, {});
          } else if constexpr (std::is_same_v<K, RecordDecl>) {
            define({SymbolKind::record, k.name, {}, k.name_span, decl.span});
            for (const FieldDecl& f : k.fields)
              declare_field(f, SymbolKind::record_field, policy_.schema.record(k.name), k.name);
          } else if constexpr (std::is_same_v<K, LetDecl>) {
            Definition d{SymbolKind::let, k.name, {}, k.name_span, decl.span};
            for (const LetInfo& info : policy_.lets)
              if (info.decl == &k) d.type = info.type;
            define(std::move(d));
          } else if constexpr (std::is_same_v<K, IcpDecl>) {
            define({SymbolKind::icp, k.name, {}, k.name_span, decl.span});
          } else if constexpr (std::is_same_v<K, ScoreDecl>) {
            Definition d{SymbolKind::score, k.name, {}, k.name_span, decl.span};
            d.score = &k;
            define(std::move(d));
          } else if constexpr (std::is_same_v<K, GatesDecl>) {
            define({SymbolKind::gates, k.name, {}, k.name_span, decl.span});
            for (const GateCheck& c : k.checks)
              define({SymbolKind::check, c.label, k.name, c.label_span, c.span});
          } else if constexpr (std::is_same_v<K, GradeDecl>) {
            Definition d{SymbolKind::grade, k.name, {}, k.name_span, decl.span};
            for (const GradeInfo& info : policy_.grades)
              if (info.decl == &k) d.type = info.type;
            define(std::move(d));
          } else if constexpr (std::is_same_v<K, FunnelDecl>) {
            for (const FunnelLine& line : k.lines)
              if (!line.stage.empty()) define({SymbolKind::stage, line.stage, {}, line.stage_span, line.span});
          }
        },
        decl.kind);
  }

  void refer_type(const TypeExpr* type) {
    for (; type; type = type->element.get())
      if (type->kind == TypeExprKind::named) use(SymbolKind::record, type->name, type->span);
  }

  void refer(const Decl& decl) {
    std::visit(
        [&](const auto& k) {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, FieldsBlock>) {
            for (const FieldDecl& f : k.fields) refer_type(&f.type);
          } else if constexpr (std::is_same_v<K, RecordDecl>) {
            for (const FieldDecl& f : k.fields) refer_type(&f.type);
          } else if constexpr (std::is_same_v<K, LetDecl>) {
            walk(k.value.get());
          } else if constexpr (std::is_same_v<K, IcpDecl>) {
            for (const IcpClause& c : k.clauses) walk(c.condition.get());
          } else if constexpr (std::is_same_v<K, ScoreDecl>) {
            for (const ScoreRule& r : k.rules) {
              walk(r.per.get());
              walk(r.when.get());
            }
          } else if constexpr (std::is_same_v<K, GatesDecl>) {
            for (const GateCheck& c : k.checks) walk(c.condition.get());
          } else if constexpr (std::is_same_v<K, FunnelDecl>) {
            for (const FunnelLine& line : k.lines) walk(line.condition.get());
            for (const RecycleLine& line : k.recycles) {
              walk(line.condition.get());
              use(SymbolKind::stage, line.stage, line.stage_span);
            }
            for (const FunnelOrder& order : k.orders)
              for (std::size_t i = 0; i < order.stages.size(); ++i)
                use(SymbolKind::stage, order.stages[i], order.stage_spans[i]);
          } else if constexpr (std::is_same_v<K, GradeDecl>) {
            walk(k.of.get());
            for (const GradeLine& line : k.lines) walk(line.condition.get());
          } else if constexpr (std::is_same_v<K, AccountDecl>) {
            for (const LetDecl& l : k.lets) walk(l.value.get());
          } else if constexpr (std::is_same_v<K, TestDecl>) {
            for (const Expectation& e : k.expectations) {
              walk(e.expr.get());
              if (e.expected.kind == LiteralValue::Kind::stage) use(SymbolKind::stage, e.expected.text, e.expected.span);
            }
          }
        },
        decl.kind);
  }

  void resolve(const Expr& e, const ElementScope* scope) {
    if (const auto* name = std::get_if<Name>(&e.kind)) {
      const Ref& ref = name->ref;
      switch (ref.kind) {
        case RefKind::lead_field:
          if (ref.index < policy_.schema.lead.fields.size())
            use(SymbolKind::field, policy_.schema.lead.fields[ref.index].name, e.span);
          break;
        case RefKind::element_field: {
          const ElementScope* s = scope;
          for (std::uint32_t d = 0; s && d < ref.depth; ++d) s = s->outer;
          if (s && s->record && ref.index < s->record->fields.size())
            use(SymbolKind::record_field, s->record->fields[ref.index].name, e.span, s->record->name);
          break;
        }
        case RefKind::let:
          if (ref.index < policy_.lets.size()) use(SymbolKind::let, policy_.lets[ref.index].name, e.span);
          break;
        case RefKind::icp:
          if (ref.index < policy_.icps.size()) use(SymbolKind::icp, policy_.icps[ref.index].name, e.span);
          break;
        case RefKind::score:
          if (ref.index < policy_.scores.size()) use(SymbolKind::score, policy_.scores[ref.index].name, e.span);
          break;
        case RefKind::grade:
          if (ref.index < policy_.grades.size()) use(SymbolKind::grade, policy_.grades[ref.index].name, e.span);
          break;
        default:
          break;
      }
    } else if (const auto* member = std::get_if<Member>(&e.kind)) {
      const Ref& ref = member->ref;
      if (ref.kind == RefKind::lead_field && ref.index < policy_.schema.lead.fields.size()) {
        use(SymbolKind::field, policy_.schema.lead.fields[ref.index].name, member->member_span);
      } else if (ref.kind == RefKind::record_field && member->object && member->object->type &&
                 member->object->type->record) {
        const RecordType& record = *member->object->type->record;
        if (ref.index < record.fields.size())
          use(SymbolKind::record_field, record.fields[ref.index].name, member->member_span, record.name);
      } else if (ref.kind == RefKind::gate_check && ref.index < policy_.checks.size()) {
        const CheckInfo& check = policy_.checks[ref.index];
        use(SymbolKind::check, check.label, member->member_span, check.group);
        if (member->object) use(SymbolKind::gates, check.group, member->object->span);
      }
    } else if (const auto* group = std::get_if<GroupTest>(&e.kind)) {
      if (!group->group.empty()) use(SymbolKind::gates, group->group, group->group_span);
    }
  }

  // Iterative: a policy may nest expressions as deep as the parser allows.
  void walk(const Expr* root) {
    if (!root) return;
    std::vector<std::pair<const Expr*, const ElementScope*>> stack{{root, nullptr}};
    while (!stack.empty()) {
      // Not a structured binding: clang 14 cannot capture one in the lambda below.
      const Expr* e = stack.back().first;
      const ElementScope* scope = stack.back().second;
      stack.pop_back();
      resolve(*e, scope);
      if (const auto* query = std::get_if<ListQuery>(&e->kind)) {
        if (query->list) stack.push_back({query->list.get(), scope});
        if (query->where || query->project) {
          const TypeNode* list = query->list ? query->list->type : nullptr;
          const RecordType* record = list && list->element ? list->element->record : nullptr;
          scopes_.push_back({record, scope});
          if (query->where) stack.push_back({query->where.get(), &scopes_.back()});
          if (query->project) stack.push_back({query->project.get(), &scopes_.back()});
        }
        continue;
      }
      for_each_child(*e, [&](const Expr& child) { stack.push_back({&child, scope}); });
    }
  }

  const CheckedPolicy& policy_;
  SymbolIndex index_;
  std::deque<ElementScope> scopes_;  // stable addresses
};

}  // namespace

const Occurrence* SymbolIndex::at(FileId file, std::uint32_t offset) const {
  const Occurrence* best = nullptr;
  for (const Occurrence& o : occurrences) {
    if (o.span.file != file || offset < o.span.begin || offset > o.span.end) continue;
    // The narrowest wins: `lead.budget` names the field at `budget`, not the whole member.
    if (!best || o.span.end - o.span.begin < best->span.end - best->span.begin) best = &o;
  }
  return best;
}

namespace {
std::string definition_key(SymbolKind kind, std::string_view name, std::string_view container) {
  std::string key(1, static_cast<char>('a' + static_cast<int>(kind)));
  key += container;
  key += '\0';
  key += name;
  return key;
}
}  // namespace

std::optional<std::size_t> SymbolIndex::find(SymbolKind kind, std::string_view name,
                                             std::string_view container) const {
  auto it = by_key_.find(definition_key(kind, name, container));
  if (it == by_key_.end()) return std::nullopt;
  return it->second;
}

std::size_t SymbolIndex::add(Definition definition) {
  by_key_.emplace(definition_key(definition.kind, definition.name, definition.container),
                  definitions.size());
  definitions.push_back(std::move(definition));
  return definitions.size() - 1;
}

SymbolIndex build_symbol_index(const CheckedPolicy& policy) { return Builder(policy).build(); }

const char* symbol_kind_name(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::field: return "field";
    case SymbolKind::record: return "record";
    case SymbolKind::record_field: return "record field";
    case SymbolKind::let: return "let";
    case SymbolKind::icp: return "icp";
    case SymbolKind::score: return "score";
    case SymbolKind::gates: return "gates";
    case SymbolKind::check: return "check";
    case SymbolKind::stage: return "stage";
    case SymbolKind::grade: return "grade";
  }
  return "name";
}

}  // namespace qpl::lsp
