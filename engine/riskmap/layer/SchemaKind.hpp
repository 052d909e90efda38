#pragma once
// A LayerKind whose identity and schema are plain data; kinds in layers/
// derive from it and add their own record checks.
#include "riskmap/layer/LayerKind.hpp"

namespace riskmap {

class SchemaKind : public LayerKind {
 public:
  SchemaKind(std::string name, std::string description, unsigned geometries, std::vector<FieldSpec> fields,
             ExposureRole role = ExposureRole::None)
      : name_(std::move(name)),
        description_(std::move(description)),
        geometries_(geometries),
        fields_(std::move(fields)),
        role_(role) {}

  std::string name() const override { return name_; }
  std::string description() const override { return description_; }
  unsigned geometries() const override { return geometries_; }
  const std::vector<FieldSpec>& fields() const override { return fields_; }
  ExposureRole exposureRole() const override { return role_; }

 private:
  std::string name_;
  std::string description_;
  unsigned geometries_;
  std::vector<FieldSpec> fields_;
  ExposureRole role_;
};

}  // namespace riskmap
