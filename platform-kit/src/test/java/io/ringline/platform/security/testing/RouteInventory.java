package io.ringline.platform.security.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import org.springframework.web.reactive.handler.AbstractUrlHandlerMapping;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.RequestMappingInfoHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Every route the running application registers, read from its {@link HandlerMapping}s (annotated controllers,
 * actuator endpoints, URL mappings such as WebSocket endpoints and static resources) — not from a hand-kept
 * list, so a new route shows up here the moment it exists. A kind of mapping it cannot enumerate fails loudly.
 */
public final class RouteInventory {

    /** {@code method} is {@code *} when the route takes any method. */
    public record Route(String method, String pattern) {
        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }

    private RouteInventory() {
    }

    public static List<Route> of(ApplicationContext context) {
        Set<Route> routes = new LinkedHashSet<>();
        context.getBeansOfType(HandlerMapping.class).forEach((name, mapping) -> {
            switch (mapping) {
                case RequestMappingInfoHandlerMapping annotated ->
                        annotated.getHandlerMethods().keySet().forEach(info -> add(routes, info));
                case AbstractUrlHandlerMapping urls ->
                        urls.getHandlerMap().keySet().forEach(pattern -> routes.add(new Route("*", pattern.getPatternString())));
                case RouterFunctionMapping functions -> {
                    if (functions.getRouterFunction() != null) {
                        throw new IllegalStateException("handler mapping " + name + " holds router functions, which "
                                + "RouteInventory cannot enumerate; declare the routes as @RequestMapping or teach it");
                    }
                }
                // What WebFlux registers when there are no resource handlers: it maps nothing.
                case HandlerMapping empty when empty.getClass().getName().endsWith("WebFluxConfigurationSupport$EmptyHandlerMapping") -> {
                }
                default -> throw new IllegalStateException("handler mapping " + name + " ("
                        + mapping.getClass().getName() + ") cannot be enumerated by RouteInventory");
            }
        });
        return new ArrayList<>(routes);
    }

    private static void add(Set<Route> routes, RequestMappingInfo info) {
        Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
        for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
            if (methods.isEmpty()) {
                routes.add(new Route("*", pattern.getPatternString()));
            }
            methods.forEach(method -> routes.add(new Route(method.name(), pattern.getPatternString())));
        }
    }
}
