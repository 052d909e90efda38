#pragma once
// Turns one source field of one feature into the schema's typed value, or
// says why it cannot: numbers are parsed strictly ("12,5" and "DN500" are
// not numbers), integers must be whole, dates must be real calendar dates.
#include <ogr_feature.h>

#include <optional>
#include <string>

#include "riskmap/import/TextDecoder.hpp"
#include "riskmap/layer/LayerKind.hpp"

namespace riskmap {

struct ParsedValue {
  Value value;
  std::optional<std::string> error;  // set when the source value is unusable
};

ParsedValue parseField(const OGRFeature& feature, int fieldIndex, const FieldSpec& spec,
                       const TextDecoder& decoder);

// Parsing of text as the spec's type; exposed for tests and related tables.
ParsedValue parseText(const std::string& text, const FieldSpec& spec);

// Range and code-list checks of a parsed value against its spec.
std::optional<std::string> checkValue(const Value& value, const FieldSpec& spec);

std::string valueToString(const Value& value);

}  // namespace riskmap
