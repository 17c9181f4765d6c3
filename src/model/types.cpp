#include "model/types.hpp"

namespace qpl {

FieldSchema optional_field(std::string_view name, TypeRef type) {
  FieldSchema field;
  field.name = field.source = std::string(name);
  field.path = {field.name};
  field.type = type;
  field.optional = true;
  return field;
}

int RecordType::field_index(std::string_view field_name) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == field_name) return static_cast<int>(i);
  return -1;
}

TypeTable::TypeTable() {
  error_ = make({TypeKind::error, {}, nullptr, nullptr});
  number_ = make({TypeKind::number, {}, nullptr, nullptr});
  text_ = make({TypeKind::text, {}, nullptr, nullptr});
  boolean_ = make({TypeKind::boolean, {}, nullptr, nullptr});
  date_ = make({TypeKind::date, {}, nullptr, nullptr});
  duration_ = make({TypeKind::duration, {}, nullptr, nullptr});
  empty_list_ = make({TypeKind::empty_list, {}, nullptr, nullptr});
}

TypeRef TypeTable::make(TypeNode node) {
  nodes_.push_back(std::move(node));
  return &nodes_.back();
}

TypeRef TypeTable::list_of(TypeRef element) {
  for (const auto& n : nodes_)
    if (n.kind == TypeKind::list && same_type(n.element, element)) return &n;
  return make({TypeKind::list, {}, element, nullptr});
}

TypeRef TypeTable::enum_of(std::vector<std::string> values) {
  return make({TypeKind::enum_, std::move(values), nullptr, nullptr});
}

TypeRef TypeTable::record_of(const RecordType* record) {
  for (const auto& n : nodes_)
    if (n.kind == TypeKind::record && n.record == record) return &n;
  return make({TypeKind::record, {}, nullptr, record});
}

bool same_type(TypeRef a, TypeRef b) {
  if (a == b) return true;
  if (!a || !b || a->kind != b->kind) return false;
  switch (a->kind) {
    case TypeKind::enum_: return a->values == b->values;
    case TypeKind::list: return same_type(a->element, b->element);
    case TypeKind::record: return a->record == b->record;
    default: return true;
  }
}

std::string type_name(TypeRef t) {
  if (!t) return "?";
  switch (t->kind) {
    case TypeKind::error: return "an invalid value";
    case TypeKind::number: return "number";
    case TypeKind::text: return "text";
    case TypeKind::boolean: return "bool";
    case TypeKind::date: return "date";
    case TypeKind::duration: return "duration";
    case TypeKind::empty_list: return "empty list";
    case TypeKind::list: return "list of " + type_name(t->element);
    case TypeKind::record: return t->record ? t->record->name : "record";
    case TypeKind::enum_: {
      std::string s = "one of (";
      for (std::size_t i = 0; i < t->values.size(); ++i) {
        if (i) s += ", ";
        s += '"' + t->values[i] + '"';
      }
      return s + ")";
    }
  }
  return "?";
}

}  // namespace qpl
