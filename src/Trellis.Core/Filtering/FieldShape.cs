using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Trellis.Core.Filtering;

/// <summary>
/// What the filter language can do with one .NET type: a primitive (string, bool, integer, float), a list, a map
/// with string keys, or a record whose public properties are its fields. Built once per type and cached.
/// </summary>
/// <remarks>Immutable once built; the cache is thread-safe.</remarks>
internal sealed class FieldShape
{
    private static readonly ConcurrentDictionary<Type, FieldShape> Cache = new();

    private FieldShape(Type type, FieldKind kind)
    {
        Type = type;
        Kind = kind;
    }

    public Type Type { get; }

    public FieldKind Kind { get; }

    /// <summary>For lists, the element type; for maps, the value type.</summary>
    public Type? ElementType { get; private init; }

    public MapAccess? Map { get; private init; }

    public ListAccess? List { get; private init; }

    public IReadOnlyDictionary<string, Func<object, object?>> Properties { get; private init; } =
        new Dictionary<string, Func<object, object?>>();

    public IReadOnlyDictionary<string, Type> PropertyTypes { get; private init; } = new Dictionary<string, Type>();

    public static FieldShape Of(Type type) => Cache.GetOrAdd(type, Build);

    private static FieldShape Build(Type type)
    {
        // int? and the like behave as their value type; a null reads as no value (== false, != true).
        var primitive = PrimitiveKind(Nullable.GetUnderlyingType(type) ?? type);
        if (primitive is not null)
        {
            return new FieldShape(type, primitive.Value);
        }

        var mapValue = MapValueType(type, out var stringKeys);
        if (mapValue is not null)
        {
            return new FieldShape(type, stringKeys ? FieldKind.Map : FieldKind.OpaqueMap)
            {
                ElementType = mapValue,
                Map = stringKeys ? MapAccess.For(mapValue) : MapAccess.ForOpaque(type),
            };
        }

        var element = ElementTypeOf(type);
        if (element is not null)
        {
            return new FieldShape(type, FieldKind.List) { ElementType = element, List = ListAccess.For(element) };
        }

        if (type.IsClass || (type.IsValueType && !type.IsPrimitive && !type.IsEnum))
        {
            var getters = new Dictionary<string, Func<object, object?>>(StringComparer.Ordinal);
            var types = new Dictionary<string, Type>(StringComparer.Ordinal);
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetMethod is null || property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
                {
                    continue;
                }

                getters[property.Name] = CompileGetter(type, property);
                types[property.Name] = property.PropertyType;
            }

            return new FieldShape(type, FieldKind.Record) { Properties = getters, PropertyTypes = types };
        }

        return new FieldShape(type, FieldKind.Unsupported);
    }

    private static Func<object, object?> CompileGetter(Type declaring, PropertyInfo property)
    {
        var instance = Expression.Parameter(typeof(object), "instance");
        var body = Expression.Convert(Expression.Property(Expression.Convert(instance, declaring), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
    }

    private static FieldKind? PrimitiveKind(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.String => FieldKind.String,
        TypeCode.Boolean => FieldKind.Bool,
        TypeCode.SByte or TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 when !type.IsEnum => FieldKind.Int,
        TypeCode.Byte or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 when !type.IsEnum => FieldKind.Uint,
        TypeCode.Single => FieldKind.Float32,
        TypeCode.Double => FieldKind.Float64,
        _ => null,
    };

    private static Type? MapValueType(Type type, out bool stringKeys)
    {
        stringKeys = false;
        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType
                && (candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
                    || candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>)))
            {
                var arguments = candidate.GetGenericArguments();
                stringKeys = arguments[0] == typeof(string);
                return arguments[1];
            }
        }

        return null;
    }

    private static Type? ElementTypeOf(Type type)
    {
        if (type == typeof(string))
        {
            return null;
        }

        if (type.IsArray)
        {
            return type.GetElementType();
        }

        foreach (var candidate in type.GetInterfaces().Prepend(type))
        {
            if (candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            {
                return candidate.GetGenericArguments()[0];
            }
        }

        return null;
    }
}
