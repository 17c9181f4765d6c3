// The `account by FIELD { let ... }` block (docs/language.md, "Accounts"): its key, the
// remembered field `account` every record reads its account's values through, the lets and their
// aggregates over `contacts`, and the errors of the block's two levels: QPL215 (the key), QPL216
// (`contacts` or a lead value read outside an aggregate), QPL217 (an aggregate over contacts
// reading a value that reads the account).
#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "model/eval_limits.hpp"
#include "model/memory.hpp"
#include "sema/checker.hpp"

namespace qpl::sema {
namespace {

bool is_error(TypeRef t) { return !t || t->kind == TypeKind::error; }

}  // namespace

void Checker::collect_account(const AccountDecl& d, Span decl_span) {
  if (account_decl_ != nullptr) {
    auto& e = diags_.error(code::second_block, decl_span,
                           "a policy has one 'account' block: this is a second one");
    e.notes.push_back({account_span_, "the first 'account' block"});
    return;
  }
  account_decl_ = &d;
  account_span_ = decl_span;
}

// After every name is declared: a policy with its own `account` keeps it, and has no block.
void Checker::add_account_field() {
  if (account_decl_ == nullptr) return;
  const AccountDecl& d = *account_decl_;
  if (auto it = globals_.find(account_field_name); it != globals_.end()) {
    auto& e = diags_.error(code::duplicate_name, d.keyword_span,
                           "'account' is already defined, so the policy cannot declare an "
                           "'account' block");
    e.notes.push_back({it->second.span, "first defined here"});
    e.help = "rename the field, let or group called 'account'";
    return;
  }
  AccountInfo info;
  info.decl = &d;
  const int key = p_.schema.lead.field_index(d.key);
  if (key < 0) {
    auto& e = diags_.error(code::unknown_field, d.key_span,
                           fmt::format("the lead has no field '{}' to group accounts by", d.key));
    std::vector<std::string> names;
    for (const auto& f : p_.schema.lead.fields) names.push_back(f.name);
    if (auto s = suggest_(d.key, names)) e.message += fmt::format(" (did you mean '{}'?)", *s);
  } else {
    const FieldSchema& field = p_.schema.lead.fields[static_cast<std::size_t>(key)];
    if (!is_error(field.type) && field.type->kind != TypeKind::number && !is_textual(field.type)) {
      auto& e = diags_.error(code::account_key, d.key_span,
                             fmt::format("the account key must be a text or number field, '{}' is {}",
                                         d.key, type_name(field.type)));
      e.notes.push_back({field.span, "declared here"});
    }
    info.key_slot = key;
  }
  const bool taken = p_.schema.record(account_field_name) != nullptr;
  RecordType& record = p_.schema.records.emplace_back();
  record.name = taken ? "account values" : std::string(account_field_name);
  std::map<std::string, Span, std::less<>> seen;
  for (const LetDecl& let : d.lets) {
    auto [it, inserted] = seen.try_emplace(let.name, let.name_span);
    if (!inserted) {
      auto& e = diags_.error(code::duplicate_name, let.name_span,
                             fmt::format("'account.{}' is already defined", let.name));
      e.notes.push_back({it->second, "first defined here"});
    }
    record.fields.push_back(optional_field(let.name, p_.types.error()));
    info.lets.push_back({let.name, &let, p_.types.error()});
  }
  account_record_ = &record;
  info.record = &record;
  FieldSchema field = optional_field(account_field_name, p_.types.record_of(&record));
  field.remembered = true;
  info.field_slot = static_cast<int>(p_.schema.lead.fields.size());
  p_.schema.lead.fields.push_back(std::move(field));
  globals_.try_emplace(std::string(account_field_name),
                       Global{GlobalKind::field, static_cast<std::uint32_t>(info.field_slot), d.keyword_span});
  account_state_.assign(d.lets.size(), NodeState::unchecked);
  p_.account = std::move(info);
}

void Checker::check_account() {
  if (!p_.account) return;
  for (std::uint32_t i = 0; i < p_.account->lets.size(); ++i) check_account_let(i);
  check_account_reads();
}

void Checker::check_account_let(std::uint32_t i) {
  AccountLetInfo& let = p_.account->lets[i];
  if (!enter_definition(account_state_[i], "account." + let.name, let.decl->name_span)) return;
  auto scopes = std::exchange(element_scopes_, {});
  const auto account_scope = std::exchange(account_scope_, AccountScope::block);
  const auto contact_depth = std::exchange(contact_depth_, 0);
  TypeRef t = check(*let.decl->value);
  element_scopes_ = std::move(scopes);
  account_scope_ = account_scope;
  contact_depth_ = contact_depth;
  if (t && (t->kind == TypeKind::record || t->kind == TypeKind::duration)) {
    diags_.error(code::let_type, let.decl->value->span,
                 fmt::format("a let can hold a bool, number, text, date or list, not {}", type_name(t)));
    t = p_.types.error();
  }
  let.type = t ? t : p_.types.error();
  account_record_->fields[i].type = let.type;
  bool refused = false;
  end_walk(max_evaluation_depth - 1, refused);
  leave_definition(account_state_[i]);
  p_.account->order.push_back(i);
}

// Read from a contact's COND or VALUE while the let is being checked: QPL217, reported once the
// block is checked, says so (not the cycle error of lets reading each other).
void Checker::account_member(std::uint32_t slot) {
  if (!p_.account || slot >= account_state_.size()) return;
  if (account_state_[slot] == NodeState::in_progress && contact_depth_ > 0) return;
  check_account_let(slot);
}

bool Checker::is_contacts(const Expr& e) const {
  const auto* n = std::get_if<Name>(&e.kind);
  return n != nullptr && n->name == "contacts";
}

// `count(contacts where COND)`, `sum(VALUE of contacts where COND)`: COND and VALUE are
// lead-level expressions, each read on every contact of the account.
TypeRef Checker::check_contacts_query(Expr& e, ListQuery& q) {
  q.list->type = p_.types.list_of(p_.types.record_of(&p_.schema.lead));
  const char* fn = quantifier_text(q.quantifier);
  const auto scope = std::exchange(account_scope_, AccountScope::contact);
  ++contact_depth_;
  TypeRef result = q.quantifier == Quantifier::count ? p_.types.number() : p_.types.boolean();
  if (q.project) {
    const bool ordered = q.quantifier == Quantifier::min || q.quantifier == Quantifier::max;
    if (q.where) expect_type(*q.where, TypeKind::boolean, "the condition after 'where'");
    TypeRef v = check(*q.project);
    result = p_.types.number();
    if (!is_error(v)) {
      if (v->kind == TypeKind::number || (ordered && v->kind == TypeKind::date)) {
        result = v;
      } else {
        diags_.error(code::type_mismatch, q.project->span,
                     fmt::format("'{}' needs {} of each contact, but this is {}", fn,
                                 ordered ? "a number or a date" : "a number", type_name(v)));
      }
    }
  } else if (q.where) {
    expect_type(*q.where, TypeKind::boolean, "the condition after 'where'");
  } else if (q.quantifier != Quantifier::count) {
    diags_.error(code::type_mismatch, e.span,
                 fmt::format("'{}' without 'where' needs a list of bools, but 'contacts' is the "
                             "account's records", fn));
  }
  --contact_depth_;
  account_scope_ = scope;
  return result;
}

namespace {

// What a definition reads, through the definitions it reads in turn: a lead value, and the first
// read of `account` (for QPL217's message).
struct Reads {
  bool lead = false;
  std::optional<std::pair<std::string, Span>> account;
};

class ReadFinder {
 public:
  ReadFinder(const CheckedPolicy& p, std::uint32_t account_slot) : p_(p), slot_(account_slot) {}

  // What `e` reads itself and through definitions.
  Reads of(const Expr& e) {
    Reads r;
    walk(e, r);
    return r;
  }

  // What the definition `ref` reads (memoized; a cycle, already an error, reads nothing more).
  Reads of_definition(RefKind kind, std::uint32_t index) {
    const auto key = std::pair{kind, index};
    if (auto it = memo_.find(key); it != memo_.end()) return it->second;
    // Deeper than an evaluation may go: the checker refuses it already (QPL320); the walk stops
    // rather than recurse without bound.
    if (depth_ >= max_evaluation_depth) return {};
    ++depth_;
    memo_[key] = {};
    Reads r;
    const auto add = [&](const ExprPtr& e) {
      if (e) walk(*e, r);
    };
    switch (kind) {
      case RefKind::let:
        if (index < p_.lets.size()) add(p_.lets[index].decl->value);
        break;
      case RefKind::icp:
        if (index < p_.icps.size())
          for (const auto& c : p_.icps[index].decl->clauses) add(c.condition);
        break;
      case RefKind::score:
        if (index < p_.scores.size())
          for (const auto& rule : p_.scores[index].decl->rules) {
            add(rule.per);
            add(rule.when);
          }
        break;
      case RefKind::gate_check:
        if (index < p_.checks.size()) add(p_.checks[index].decl->condition);
        break;
      case RefKind::grade:
        if (index < p_.grades.size()) {
          add(p_.grades[index].decl->of);
          for (const auto& line : p_.grades[index].decl->lines) add(line.condition);
        }
        break;
      default: break;
    }
    memo_[key] = r;
    --depth_;
    return r;
  }

 private:
  void merge(Reads& into, const Reads& r) {
    into.lead = into.lead || r.lead;
    if (!into.account && r.account) into.account = r.account;
  }

  void walk(const Expr& e, Reads& r) {
    if (const auto* n = std::get_if<Name>(&e.kind)) {
      const RefKind k = n->ref.kind;
      if (k == RefKind::lead_field) {
        if (n->ref.index == slot_) {
          if (!r.account) r.account = std::pair{std::string(account_field_name), e.span};
        } else {
          r.lead = true;
        }
      } else if (k == RefKind::let || k == RefKind::icp || k == RefKind::score || k == RefKind::grade) {
        merge(r, of_definition(k, n->ref.index));
      }
      return;
    }
    if (const auto* m = std::get_if<Member>(&e.kind)) {
      if (std::holds_alternative<LeadRef>(m->object->kind)) {
        if (m->ref.kind == RefKind::lead_field && m->ref.index == slot_) {
          if (!r.account) r.account = std::pair{std::string(account_field_name), e.span};
        } else {
          r.lead = true;
        }
        return;
      }
      if (m->ref.kind == RefKind::gate_check) {
        merge(r, of_definition(RefKind::gate_check, m->ref.index));
        return;
      }
      if (const auto* object = std::get_if<Name>(&m->object->kind);
          object != nullptr && object->ref.kind == RefKind::lead_field && object->ref.index == slot_) {
        if (!r.account) r.account = std::pair{"account." + m->member, e.span};
        return;
      }
    }
    if (const auto* g = std::get_if<GroupTest>(&e.kind); g != nullptr && !g->group.empty()) {
      if (g->group_index < p_.gates.size())
        for (const auto c : p_.gates[g->group_index].checks) merge(r, of_definition(RefKind::gate_check, c));
      return;
    }
    for_each_child(e, [&](const Expr& child) { walk(child, r); });
  }

  const CheckedPolicy& p_;
  std::uint32_t slot_;
  std::map<std::pair<RefKind, std::uint32_t>, Reads> memo_;
  std::size_t depth_ = 0;
};

}  // namespace

void Checker::check_account_reads() {
  AccountInfo& info = *p_.account;
  ReadFinder finder(p_, static_cast<std::uint32_t>(info.field_slot));
  for (const AccountLetInfo& let : info.lets) {
    // The block's own level: account values, constants and aggregates over contacts only.
    std::vector<const Expr*> pending{let.decl->value.get()};
    while (!pending.empty()) {
      const Expr* e = pending.back();
      pending.pop_back();
      if (const auto* q = std::get_if<ListQuery>(&e->kind); q != nullptr && is_contacts(*q->list)) {
        info.aggregates.push_back(e);
        for (const Expr* part : {q->where.get(), q->project.get()}) {
          if (part == nullptr) continue;
          // QPL217: each read in the contact's part that reads the account.
          std::vector<const Expr*> reads{part};
          while (!reads.empty()) {
            const Expr* x = reads.back();
            reads.pop_back();
            const bool definition =
                (std::holds_alternative<Name>(x->kind) && std::get<Name>(x->kind).ref.kind != RefKind::lead_field) ||
                (std::holds_alternative<Member>(x->kind) && std::get<Member>(x->kind).ref.kind == RefKind::gate_check) ||
                std::holds_alternative<GroupTest>(x->kind);
            const bool member_of_account = [&] {
              const auto* m = std::get_if<Member>(&x->kind);
              if (m == nullptr) return false;
              const auto* o = std::get_if<Name>(&m->object->kind);
              return o != nullptr && o->ref.kind == RefKind::lead_field &&
                     o->ref.index == static_cast<std::uint32_t>(info.field_slot);
            }();
            const auto* name = std::get_if<Name>(&x->kind);
            const bool bare_account = name != nullptr && name->ref.kind == RefKind::lead_field &&
                                      name->ref.index == static_cast<std::uint32_t>(info.field_slot);
            if (member_of_account || bare_account) {
              const Reads r = finder.of(*x);
              auto& d = diags_.error(code::account_cycle, x->span,
                                     fmt::format("account.{} reads {} of each of its contacts, an "
                                                 "account value: it would depend on itself",
                                                 let.name, r.account ? r.account->first : "account"));
              d.help = "an aggregate over contacts reads contact-level values only (fields, and names that do not read account.*)";
              continue;
            }
            if (definition) {
              const Reads r = finder.of(*x);
              if (r.account) {
                const std::string what = name != nullptr ? name->name
                                         : std::holds_alternative<Member>(x->kind)
                                             ? std::string(p_.sources.file(x->span.file).text().substr(x->span.begin, x->span.end - x->span.begin))
                                             : std::string("this group");
                auto& d = diags_.error(code::account_cycle, x->span,
                                       fmt::format("account.{} reads contacts' {}, which reads {} ({})", let.name,
                                                   what, r.account->first, describe(p_, r.account->second)));
                d.help = "an aggregate over contacts reads contact-level values only (fields, and names that do not read account.*)";
              }
              continue;
            }
            for_each_child(*x, [&](const Expr& child) { reads.push_back(&child); });
          }
        }
        continue;
      }
      if (const auto* n = std::get_if<Name>(&e->kind)) {
        if (n->ref.kind == RefKind::lead_field && n->ref.index != static_cast<std::uint32_t>(info.field_slot)) {
          auto& d = diags_.error(code::contacts_outside_aggregate, e->span,
                                 fmt::format("'{}' is a value of each contact, read here for the whole "
                                             "account: which contact's value would it be?", n->name));
          d.help = fmt::format("read it through an aggregate over the contacts: max({} of contacts), "
                               "count(contacts where ...)", n->name);
        } else if (n->ref.kind == RefKind::let || n->ref.kind == RefKind::icp ||
                   n->ref.kind == RefKind::score || n->ref.kind == RefKind::grade) {
          if (finder.of(*e).lead) {
            auto& d = diags_.error(code::contacts_outside_aggregate, e->span,
                                   fmt::format("'{}' reads each contact's values, read here for the whole "
                                               "account: which contact's value would it be?", n->name));
            d.help = fmt::format("read it through an aggregate over the contacts: count(contacts where {})",
                                 n->name);
          }
        }
        continue;
      }
      if (const auto* m = std::get_if<Member>(&e->kind)) {
        if (std::holds_alternative<LeadRef>(m->object->kind) || m->ref.kind == RefKind::gate_check) {
          if (finder.of(*e).lead) {
            auto& d = diags_.error(code::contacts_outside_aggregate, e->span,
                                   "a contact's value, read here for the whole account: which contact's "
                                   "value would it be?");
            d.help = "read it through an aggregate over the contacts: count(contacts where ...)";
          }
          continue;
        }
      }
      if (std::holds_alternative<GroupTest>(e->kind) && !std::get<GroupTest>(e->kind).group.empty()) {
        if (finder.of(*e).lead) {
          auto& d = diags_.error(code::contacts_outside_aggregate, e->span,
                                 "a contact's checks, read here for the whole account: which contact's "
                                 "would they be?");
          d.help = "read them through an aggregate over the contacts: count(contacts where ...)";
        }
        continue;
      }
      for_each_child(*e, [&](const Expr& child) { pending.push_back(&child); });
    }
  }
  // Source order (the walk above is depth first, last child first).
  std::stable_sort(info.aggregates.begin(), info.aggregates.end(),
                   [](const Expr* a, const Expr* b) { return a->span.begin < b->span.begin; });
}

}  // namespace qpl::sema
