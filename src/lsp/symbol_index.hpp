#pragma once
// Every named thing of a checked policy (its imports' too) and every place that names it: what
// hover, go-to-definition, find-references and the outline read. Built from the checker's
// resolutions, so a name means what it means to the evaluator.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/policy.hpp"

namespace qpl::lsp {

enum class SymbolKind { field, record, record_field, let, icp, score, gates, check, stage, grade };

struct Definition {
  SymbolKind kind = SymbolKind::field;
  std::string name;
  std::string container;  // the record of a record field, the gates of a check
  Span name_span;         // where the name is written in its declaration
  Span decl_span;         // the whole declaration (a field's line, a record's block, ...)
  const FieldDecl* field = nullptr;   // field, record_field
  const ScoreDecl* score = nullptr;
  TypeRef type = nullptr;             // let, field, record_field: the checked type
};

struct Occurrence {
  Span span;
  std::size_t definition = 0;
  bool is_declaration = false;
};

class SymbolIndex {
 public:
  std::vector<Definition> definitions;
  std::vector<Occurrence> occurrences;  // declarations included, in no particular order

  // The occurrence under a byte offset of a file (an offset at a name's end counts).
  const Occurrence* at(FileId file, std::uint32_t offset) const;
  std::optional<std::size_t> find(SymbolKind kind, std::string_view name,
                                  std::string_view container = {}) const;
  std::size_t add(Definition definition);

 private:
  std::map<std::string, std::size_t, std::less<>> by_key_;  // kind, container, name -> index
};

SymbolIndex build_symbol_index(const CheckedPolicy& policy);

const char* symbol_kind_name(SymbolKind kind);  // "field", "record field", ...

}  // namespace qpl::lsp
