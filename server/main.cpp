// main: the `opinia` command line — serve, keys create, import, report (shared/spec/interfaces.md).
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <CLI/CLI.hpp>
#include "server/app_state.hpp"
#include "server/import_command.hpp"
#include "server/report_command.hpp"
#include "server/serve_command.hpp"
#include "server/server_config.hpp"
#include "store/admin_session_store.hpp"
#include "store/database.hpp"
#include "store/key_store.hpp"

namespace {

using opinia::server::server_settings;

// The folders that ship beside the binary in the source tree; an installed copy passes its own.
std::string default_folder(const char* relative)
{
    return (std::filesystem::path(OPINIA_SOURCE_ROOT) / relative).string();
}

}  // namespace

int main(int argc, char** argv)
{
    CLI::App app{"Opinia: customer-feedback chatbot with a metrics backend"};
    app.require_subcommand(1);

    // serve
    server_settings settings;
    settings.web_root = default_folder("web/public");
    settings.node_modules_dir = default_folder("node_modules");
    settings.flows_dir = default_folder("bot/flows");
    settings.openapi_path = default_folder("docs/openapi.json");
    // Flags win over OPINIA_* environment variables, which win over the config file.
    std::string db_flag, listen_flag = "127.0.0.1:8080", config_file, web_root_flag = settings.web_root, flows_flag;
    std::vector<std::string> origin_flags;
    auto* serve = app.add_subcommand("serve", "Run the chat and HTTP server");
    serve->footer("Every setting of docs/operations.md can also be set in the config file or as OPINIA_<SETTING>.");
    auto* db_option = serve->add_option("--db", db_flag, "SQLite database file (created if missing)")->required();
    auto* listen_option = serve->add_option("--listen", listen_flag, "HOST:PORT to listen on; port 0 picks a free one")
                              ->capture_default_str();
    serve->add_option("--config", config_file, "JSON config file with limits, origins and timeouts");
    auto* web_root_option = serve->add_option("--web-root", web_root_flag, "Folder of the web front-end")
                                ->capture_default_str();
    auto* flows_option = serve->add_option("--flows", flows_flag, "Extra folder of flow documents");
    auto* origin_option = serve->add_option("--allow-origin", origin_flags,
                      "Site origin (https://shop.example) allowed to open the chat; repeatable");

    // keys create
    std::string keys_db, key_role_text, key_name = "unnamed";
    auto* keys = app.add_subcommand("keys", "Manage API keys");
    keys->require_subcommand(1);
    auto* keys_create = keys->add_subcommand("create", "Create an API key; prints it as the last line");
    keys_create->add_option("--db", keys_db, "SQLite database file")->required();
    keys_create->add_option("--role", key_role_text, "admin or agent")->required()
        ->check(CLI::IsMember({"admin", "agent"}));
    keys_create->add_option("--name", key_name, "Who or what the key is for");

    // admin set-password
    std::string admin_db;
    auto* admin = app.add_subcommand("admin", "Manage the admin page's sign-in");
    admin->require_subcommand(1);
    auto* set_password = admin->add_subcommand(
        "set-password", "Set the admin password, read from standard input (first line, 8 or more bytes)");
    set_password->add_option("--db", admin_db, "SQLite database file")->required();

    // import
    auto* import = app.add_subcommand("import", "Import survey responses or customers from CSV");
    import->require_subcommand(1);
    opinia::server::import_options import_options;
    opinia::server::add_import_commands(*import, import_options);

    // report
    auto* report = app.add_subcommand("report", "Print a metric view as JSON (default: the summary of NPS, CSAT, CES)");
    opinia::server::report_options report_options;
    opinia::server::add_report_command(*report, report_options);

    CLI11_PARSE(app, argc, argv);

    try {
        if (serve->parsed()) {
            using namespace opinia::server;
            apply_listen_address(listen_flag, settings);
            if (!config_file.empty()) apply_config(read_config_file(config_file), "config file '" + config_file + "'", settings);
            apply_config(read_config_environment([](const char* name) { return std::getenv(name); }), "environment",
                         settings);
            if (db_option->count()) settings.db_path = db_flag;
            if (listen_option->count()) apply_listen_address(listen_flag, settings);
            if (web_root_option->count()) settings.web_root = web_root_flag;
            if (flows_option->count()) settings.extra_flows_dir = flows_flag;
            if (origin_option->count()) {
                try {
                    settings.allowed_origins = checked_origins(origin_flags);
                } catch (const std::invalid_argument& e) {
                    throw std::runtime_error(std::string("--allow-origin: ") + e.what());
                }
            }
            return run_server(settings);
        }
        if (keys_create->parsed()) {
            opinia::store::database db({keys_db});
            opinia::store::key_store store(db);
            auto created = store.create(*opinia::store::parse_key_role(key_role_text), key_name,
                                        opinia::server::system_now_ms());
            std::cout << "Created " << key_role_text << " key #" << created.id << " (" << key_name
                      << "). It is shown only once:\n" << created.key << std::endl;
            return 0;
        }
        if (set_password->parsed()) {
            // Read from stdin, not an argument, so the password stays out of `ps` and shell history.
            std::string password;
            std::getline(std::cin, password);
            if (!password.empty() && password.back() == '\r') password.pop_back();
            opinia::store::database db({admin_db});
            opinia::store::admin_session_store(db).set_password(password, opinia::server::system_now_ms());
            std::cout << "Admin password set; sessions signed in with the old one are ended." << std::endl;
            return 0;
        }
        if (import->parsed())
            return opinia::server::run_import(*import, import_options);
        if (report->parsed())
            return opinia::server::run_report(report_options);
    } catch (const std::exception& e) {
        std::cerr << "opinia: " << e.what() << std::endl;
        return 1;
    }
    return 0;
}
