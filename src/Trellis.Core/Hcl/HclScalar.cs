using System.Globalization;

namespace Trellis.Core.Hcl;

/// <summary>A string, integer, floating-point or boolean leaf of a configuration tree.</summary>
/// <remarks>Immutable; safe to share between threads.</remarks>
public sealed class HclScalar : HclValue
{
    private readonly object _value;

    private HclScalar(HclScalarKind kind, object value, int line, int column)
        : base(line, column)
    {
        Kind = kind;
        _value = value;
    }

    public HclScalarKind Kind { get; }

    public override string TypeName => Kind switch
    {
        HclScalarKind.String => "string",
        HclScalarKind.Int => "int",
        HclScalarKind.Float => "float",
        _ => "bool",
    };

    public string AsString => Kind == HclScalarKind.String ? (string)_value : throw WrongKind(HclScalarKind.String);

    public long AsInt => Kind == HclScalarKind.Int ? (long)_value : throw WrongKind(HclScalarKind.Int);

    public double AsFloat => Kind == HclScalarKind.Float ? (double)_value : throw WrongKind(HclScalarKind.Float);

    public bool AsBool => Kind == HclScalarKind.Bool ? (bool)_value : throw WrongKind(HclScalarKind.Bool);

    /// <summary>The boxed value: <see cref="string"/>, <see cref="long"/>, <see cref="double"/> or <see cref="bool"/>.</summary>
    public object Value => _value;

    public static HclScalar String(string value, int line = 0, int column = 0) => new(HclScalarKind.String, value, line, column);

    public static HclScalar Int(long value, int line = 0, int column = 0) => new(HclScalarKind.Int, value, line, column);

    /// <summary>A floating-point value; NaN and infinities have no HCL spelling and are rejected.</summary>
    public static HclScalar Float(double value, int line = 0, int column = 0) =>
        double.IsFinite(value)
            ? new(HclScalarKind.Float, value, line, column)
            : throw new ArgumentOutOfRangeException(nameof(value), "HCL numbers must be finite");

    public static HclScalar Bool(bool value, int line = 0, int column = 0) => new(HclScalarKind.Bool, value, line, column);

    public override bool Equals(HclValue? other) =>
        other is HclScalar s && s.Kind == Kind && s._value.Equals(_value);

    public override int GetHashCode() => HashCode.Combine(Kind, _value);

    /// <summary>The value as text, the way a user would write it unquoted ("8500", "true", "x").</summary>
    public string ToInvariantString() => _value switch
    {
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => _value.ToString() ?? "",
    };

    private InvalidOperationException WrongKind(HclScalarKind wanted) =>
        new($"value is a {TypeName}, not a {wanted.ToString().ToLowerInvariant()}");
}
