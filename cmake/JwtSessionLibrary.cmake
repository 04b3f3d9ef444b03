# jwtsession_library(<target> HEADER_DIR <dir> [EXPORT_NAME <name>] HEADERS <public header>...)
#
# What every JwtSession library (core, QML, widgets) shares: the export header
# include/<dir>/<target in lower case>_export.h, the include directories, the project's warning
# options (build tree only), the shared-library version and hidden visibility, and the install
# rules that put the library into the JwtSessionTargets export set and its public headers into
# include/<dir>.
function(jwtsession_library target)
    cmake_parse_arguments(PARSE_ARGV 1 arg "" "HEADER_DIR;EXPORT_NAME" "HEADERS")
    if(NOT arg_EXPORT_NAME)
        set(arg_EXPORT_NAME ${target})
    endif()
    string(TOLOWER ${target} lower_target)
    set(export_header ${PROJECT_BINARY_DIR}/include/${arg_HEADER_DIR}/${lower_target}_export.h)

    generate_export_header(${target} BASE_NAME ${target} EXPORT_FILE_NAME ${export_header})
    target_include_directories(${target} PUBLIC
        $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/include>
        $<BUILD_INTERFACE:${PROJECT_BINARY_DIR}/include>
        $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
    # The warnings (and -Werror) are for building this project, never for the package's users.
    target_link_libraries(${target} PRIVATE $<BUILD_INTERFACE:jwtsession_project_options>)
    set_target_properties(${target} PROPERTIES
        VERSION ${PROJECT_VERSION}
        SOVERSION ${PROJECT_VERSION_MAJOR}
        EXPORT_NAME ${arg_EXPORT_NAME}
        CXX_VISIBILITY_PRESET hidden
        VISIBILITY_INLINES_HIDDEN ON)

    install(TARGETS ${target}
        EXPORT JwtSessionTargets
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
    install(FILES ${arg_HEADERS} ${export_header}
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/${arg_HEADER_DIR})
endfunction()
