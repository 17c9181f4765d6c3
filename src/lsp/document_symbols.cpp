// The outline: the document's declarations, with the fields, checks and stages inside them.
#include "lsp/handlers.hpp"

namespace qpl::lsp {
namespace {

// LSP SymbolKind.
enum Kind { k_file = 1, k_module = 2, k_namespace = 3, k_method = 6, k_property = 7, k_field = 8,
            k_enum = 10, k_variable = 13, k_number = 16, k_boolean = 17, k_enum_member = 22,
            k_struct = 23 };

class Outline {
 public:
  explicit Outline(const Analysis& analysis) : analysis_(analysis) {}

  json symbol(std::string name, int kind, Span range, Span selection, std::string detail = {}) const {
    if (name.empty()) name = "(unnamed)";  // the protocol refuses an empty name
    // The selection must lie within the range.
    if (selection.begin < range.begin || selection.end > range.end) selection = range;
    json s = {{"name", std::move(name)}, {"kind", kind},
              {"range", range_json(analysis_.lines(), range)},
              {"selectionRange", range_json(analysis_.lines(), selection)}};
    if (!detail.empty()) s["detail"] = std::move(detail);
    return s;
  }

  json field(const FieldDecl& f) const {
    const CheckedPolicy& policy = *analysis_.policy();
    return symbol(f.name, k_field, f.span, f.name_span, std::string(policy.sources.file(f.type.span.file).slice(f.type.span)));
  }

  json declaration(const Decl& decl) const {
    return std::visit(
        [&](const auto& k) -> json {
          using K = std::decay_t<decltype(k)>;
          if constexpr (std::is_same_v<K, PolicyHeader>) {
            return symbol("policy \"" + k.name + "\"", k_module, decl.span, decl.span);
          } else if constexpr (std::is_same_v<K, Import>) {
            return symbol("import \"" + k.path + "\"", k_file, decl.span, k.path_span);
          } else if constexpr (std::is_same_v<K, FieldsBlock>) {
            json s = symbol("fields", k_struct, decl.span, decl.span);
            s["children"] = json::array();
            for (const FieldDecl& f : k.fields) s["children"].push_back(field(f));
            return s;
          } else if constexpr (std::is_same_v<K, RecordDecl>) {
            json s = symbol(k.name, k_struct, decl.span, k.name_span, "record");
            s["children"] = json::array();
            for (const FieldDecl& f : k.fields) s["children"].push_back(field(f));
            return s;
          } else if constexpr (std::is_same_v<K, LetDecl>) {
            return symbol(k.name, k_variable, decl.span, k.name_span, "let");
          } else if constexpr (std::is_same_v<K, IcpDecl>) {
            return symbol(k.name, k_boolean, decl.span, k.name_span, "icp");
          } else if constexpr (std::is_same_v<K, ScoreDecl>) {
            return symbol(k.name, k_number, decl.span, k.name_span, "score");
          } else if constexpr (std::is_same_v<K, GatesDecl>) {
            json s = symbol(k.name, k_namespace, decl.span, k.name_span, "gates");
            s["children"] = json::array();
            for (const GateCheck& c : k.checks) s["children"].push_back(symbol(c.label, k_property, c.span, c.label_span, "check"));
            return s;
          } else if constexpr (std::is_same_v<K, FunnelDecl>) {
            json s = symbol("funnel", k_enum, decl.span, decl.span);
            s["children"] = json::array();
            for (const FunnelLine& line : k.lines) s["children"].push_back(symbol(line.stage, k_enum_member, line.span, line.stage_span, line.because));
            for (const RecycleLine& line : k.recycles)
              s["children"].push_back(symbol("recycle to " + line.stage, k_enum_member, line.span, line.stage_span, line.because));
            return s;
          } else if constexpr (std::is_same_v<K, GradeDecl>) {
            json s = symbol(k.name, k_enum, decl.span, k.name_span, k.bands() ? "bands" : "grade");
            s["children"] = json::array();
            for (const GradeLine& line : k.lines)
              s["children"].push_back(symbol(line.label, k_enum_member, line.span, line.label_span,
                                             k.bands() ? "band" : "grade line"));
            return s;
          } else if constexpr (std::is_same_v<K, AccountDecl>) {
            json s = symbol("account by " + k.key, k_namespace, decl.span, k.key_span, "account");
            s["children"] = json::array();
            for (const LetDecl& l : k.lets)
              s["children"].push_back(symbol(l.name, k_variable, Span{l.name_span.file, l.name_span.begin, l.value->span.end}, l.name_span, "account let"));
            return s;
          } else if constexpr (std::is_same_v<K, TestDecl>) {
            return symbol(k.name, k_method, decl.span, k.name_span, "test");
          } else {
            return nullptr;
          }
        },
        decl.kind);
  }

 private:
  const Analysis& analysis_;
};

}  // namespace

json document_symbols(const Analysis& analysis) {
  json out = json::array();
  const CheckedPolicy* policy = analysis.policy();
  if (!policy || policy->modules.empty()) return out;
  const Outline outline(analysis);
  for (const Decl& decl : policy->modules[0].decls) {
    json s = outline.declaration(decl);
    if (!s.is_null()) out.push_back(std::move(s));
  }
  return out;
}

}  // namespace qpl::lsp
