// server_config: one table of config keys, read from a file or the environment.
#include "server/server_config.hpp"
#include "server/origin_policy.hpp"
#include <algorithm>
#include <cctype>
#include <fstream>
#include <stdexcept>

namespace opinia::server {

namespace {

using setter = std::function<void(const nlohmann::json&, server_settings&)>;

struct config_key {
    const char* name;
    setter apply;
};

template <typename Member>
setter assign(Member server_settings::*member)
{
    return [member](const nlohmann::json& v, server_settings& s) { v.get_to(s.*member); };
}

template <typename Group, typename Member>
setter assign_in(Group server_settings::*group, Member Group::*member)
{
    return [group, member](const nlohmann::json& v, server_settings& s) { v.get_to(s.*group.*member); };
}

template <typename Duration>
setter assign_count(Duration server_settings::*member)
{
    return [member](const nlohmann::json& v, server_settings& s) {
        s.*member = Duration(v.get<typename Duration::rep>());
    };
}

}  // namespace

std::vector<std::string> checked_origins(std::vector<std::string> origins)
{
    for (const auto& o : origins)
        if (!is_serialized_origin(o))
            throw std::invalid_argument("'" + o + "' is not an origin like https://shop.example or http://host:8080");
    return origins;
}

namespace {

// Every key of the config file, in the order of docs/operations.md.
const std::vector<config_key>& config_keys()
{
    static const std::vector<config_key> keys = {
        {"db", assign(&server_settings::db_path)},
        {"listen", [](const nlohmann::json& v, server_settings& s) { apply_listen_address(v.get<std::string>(), s); }},
        {"web_root", assign(&server_settings::web_root)},
        {"flows_dir", assign(&server_settings::extra_flows_dir)},
        {"allowed_origins", [](const nlohmann::json& v, server_settings& s) {
             s.allowed_origins = checked_origins(v.get<std::vector<std::string>>());
         }},
        {"max_ws_message_bytes", assign(&server_settings::max_ws_message_bytes)},
        {"max_http_body_bytes", assign(&server_settings::max_http_body_bytes)},
        {"max_http_header_bytes", assign(&server_settings::max_http_header_bytes)},
        {"max_ws_write_queue", assign(&server_settings::max_ws_write_queue)},
        {"http_timeout_seconds", assign_count(&server_settings::http_timeout)},
        {"ws_handshake_timeout_seconds", assign_count(&server_settings::ws_handshake_timeout)},
        {"ws_idle_timeout_seconds", assign_count(&server_settings::ws_idle_timeout)},
        {"connections_per_ip_per_second", assign_in(&server_settings::per_ip, &ip_limits::connections_per_second)},
        {"connection_burst_per_ip", assign_in(&server_settings::per_ip, &ip_limits::connection_burst)},
        {"messages_per_ip_per_second", assign_in(&server_settings::per_ip, &ip_limits::messages_per_second)},
        {"message_burst_per_ip", assign_in(&server_settings::per_ip, &ip_limits::message_burst)},
        {"max_open_chats_per_ip", assign_in(&server_settings::per_ip, &ip_limits::max_open_sockets)},
        {"max_failed_reads", assign_in(&server_settings::engine, &bot::engine_settings::max_failed_reads)},
        {"conversation_idle_minutes",
         [](const nlohmann::json& v, server_settings& s) { s.engine.idle_timeout_ms = v.get<std::int64_t>() * 60'000; }},
        {"webhooks", [](const nlohmann::json& v, server_settings& s) { read_webhook_settings(v, s.webhooks); }},
        {"invites", [](const nlohmann::json& v, server_settings& s) { read_invite_settings(v, s.invites); }},
    };
    return keys;
}

std::string environment_name(std::string_view key)
{
    std::string name = "OPINIA_";
    for (char c : key) name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return name;
}

nlohmann::json comma_list(const std::string& text)
{
    auto list = nlohmann::json::array();
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto comma = std::min(text.find(',', start), text.size());
        if (comma > start) list.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return list;
}

}  // namespace

nlohmann::json read_config_file(const std::string& path)
{
    std::ifstream in(path);
    if (!in) throw std::runtime_error("cannot read config file '" + path + "'");
    auto config = nlohmann::json::parse(in, nullptr, false);
    if (config.is_discarded() || !config.is_object())
        throw std::runtime_error("config file '" + path + "' is not a JSON object");
    return config;
}

nlohmann::json read_config_environment(const std::function<const char*(const char*)>& lookup)
{
    auto config = nlohmann::json::object();
    for (const auto& key : config_keys()) {
        const char* text = lookup(environment_name(key.name).c_str());
        if (text == nullptr) continue;
        auto value = nlohmann::json::parse(text, nullptr, false);
        if (value.is_discarded()) value = std::string(text);
        if (std::string_view(key.name) == "allowed_origins" && value.is_string())
            value = comma_list(value.get<std::string>());
        config[key.name] = std::move(value);
    }
    return config;
}

void apply_config(const nlohmann::json& config, std::string_view source, server_settings& settings)
{
    const auto& keys = config_keys();
    for (const auto& [name, value] : config.items()) {
        const auto key = std::find_if(keys.begin(), keys.end(), [&](const config_key& k) { return name == k.name; });
        if (key == keys.end())
            throw std::runtime_error(std::string(source) + ": unknown setting '" + name + "'");
        if (value.is_number() && value.get<double>() < 0)
            throw std::runtime_error(std::string(source) + ": setting '" + name + "' must not be negative");
        try {
            key->apply(value, settings);
        } catch (const nlohmann::json::exception&) {
            throw std::runtime_error(std::string(source) + ": setting '" + name + "' has the wrong type");
        } catch (const std::exception& e) {
            throw std::runtime_error(std::string(source) + ": setting '" + name + "': " + e.what());
        }
    }
}

void apply_listen_address(const std::string& listen, server_settings& settings)
{
    const auto colon = listen.rfind(':');
    if (colon == std::string::npos || colon == 0)
        throw std::invalid_argument("expected HOST:PORT, got '" + listen + "'");
    auto host = listen.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    int port = -1;
    try {
        std::size_t used = 0;
        port = std::stoi(listen.substr(colon + 1), &used);
        if (used != listen.size() - colon - 1) port = -1;
    } catch (const std::exception&) {
    }
    if (port < 0 || port > 65535) throw std::invalid_argument("the port must be a number from 0 to 65535");
    settings.listen_host = host;
    settings.listen_port = static_cast<unsigned short>(port);
}

}  // namespace opinia::server
