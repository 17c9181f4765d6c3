#include "io/lead_reader.hpp"

#include <algorithm>
#include <filesystem>

#include "io/csv_reader.hpp"
#include "io/json_array_reader.hpp"
#include "io/ndjson_reader.hpp"

namespace qpl::io {

std::unique_ptr<LeadReader> open_lead_reader(InputFormat format, std::FILE* stream,
                                             std::string name, const Schema& schema,
                                             std::uint64_t first_number) {
  switch (format) {
    case InputFormat::csv: return make_csv_reader(stream, std::move(name), schema, first_number);
    case InputFormat::ndjson:
      return make_ndjson_reader(stream, std::move(name), schema, first_number);
    case InputFormat::json:
      return make_json_array_reader(stream, std::move(name), schema, first_number);
  }
  return nullptr;
}

std::optional<InputFormat> format_from_extension(const std::string& path) {
  std::string extension = std::filesystem::path(path).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
  });
  if (extension == ".csv") return InputFormat::csv;
  if (extension == ".ndjson" || extension == ".jsonl") return InputFormat::ndjson;
  if (extension == ".json") return InputFormat::json;
  return std::nullopt;
}

}  // namespace qpl::io
