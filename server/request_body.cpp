// request_body: strict reading of JSON bodies (nlohmann's non-throwing parse), errors that name the field.
#include "server/request_body.hpp"
#include <algorithm>
#include "bot/untrusted_json.hpp"
#include "server/api_error.hpp"

namespace opinia::server {

namespace {

// "customer.id" -> "customer_id": error codes stay identifier-like.
std::string code_name(std::string path)
{
    std::replace(path.begin(), path.end(), '.', '_');
    return path;
}

}  // namespace

nlohmann::json json_object_body(const http_request& request)
{
    const auto type = request[http::field::content_type];
    if (!type.empty() && type.find("json") == std::string_view::npos)
        throw api_error(http::status::unsupported_media_type, "unsupported_media_type",
                        "Send the body as application/json.");
    auto body = bot::parse_untrusted_json(request.body());
    if (body.is_discarded())
        throw api_error(http::status::bad_request, "malformed_json", "The request body is not valid JSON, or nests more than " + std::to_string(bot::max_json_depth) + " levels.");
    if (!body.is_object())
        throw api_error(http::status::bad_request, "malformed_json", "The request body must be a JSON object.");
    return body;
}

std::optional<std::string> optional_string_field(const nlohmann::json& object, const char* key, const std::string& path,
                                                 std::size_t max_bytes)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_string())
        throw api_error(http::status::bad_request, "invalid_" + code_name(path), "'" + path + "' must be a string.");
    const auto& text = it->get_ref<const std::string&>();
    if (text.size() > max_bytes)
        throw api_error(http::status::bad_request, "invalid_" + code_name(path),
                        "'" + path + "' must be at most " + std::to_string(max_bytes) + " bytes.");
    return text;
}

std::string required_string_field(const nlohmann::json& object, const char* key, const std::string& path,
                                  std::size_t max_bytes)
{
    auto text = optional_string_field(object, key, path, max_bytes);
    if (!text || text->empty())
        throw api_error(http::status::bad_request, "missing_" + code_name(path), "'" + path + "' is required.");
    return *text;
}

std::optional<long long> optional_int_field(const nlohmann::json& object, const char* key, long long low,
                                            long long high)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null()) return std::nullopt;
    if (!it->is_number_integer() || it->get<long long>() < low || it->get<long long>() > high)
        throw api_error(http::status::bad_request, "invalid_" + std::string(key),
                        "'" + std::string(key) + "' must be a whole number from " + std::to_string(low) + " to " +
                            std::to_string(high) + ".");
    return it->get<long long>();
}

std::int64_t positive_id(const std::string& text, const std::string& what)
{
    try {
        std::size_t used = 0;
        const auto id = std::stoll(text, &used);
        if (used == text.size() && id > 0) return id;
    } catch (const std::exception&) {
    }
    throw api_error(http::status::bad_request, "invalid_" + what, "'" + what + "' must be a positive whole number.");
}

}  // namespace opinia::server
