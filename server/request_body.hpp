// request_body: reads a JSON request body and its fields, refusing bad input with an api_error that names the field.
#pragma once
#include <optional>
#include <string>
#include <nlohmann/json.hpp>
#include "server/json_response.hpp"

namespace opinia::server {

// The body as a JSON object; 415 when it is not declared JSON, 400 when it is malformed or not an object.
nlohmann::json json_object_body(const http_request& request);

// A string field of `object` (`path` names it in errors, e.g. "customer.id"): absent or null gives nothing;
// another type, or more than `max_bytes`, is a 400 "invalid_<code_name>".
std::optional<std::string> optional_string_field(const nlohmann::json& object, const char* key, const std::string& path,
                                                 std::size_t max_bytes);

// Like optional_string_field, but absent or empty is a 400 "missing_<code_name>".
std::string required_string_field(const nlohmann::json& object, const char* key, const std::string& path,
                                  std::size_t max_bytes);

// A whole-number field in [low, high], or nothing when absent.
std::optional<long long> optional_int_field(const nlohmann::json& object, const char* key, long long low,
                                            long long high);

// A positive whole number written in a path segment or query parameter; 400 "invalid_<what>" otherwise.
std::int64_t positive_id(const std::string& text, const std::string& what);

}  // namespace opinia::server
