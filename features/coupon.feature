@area:coupon
Feature: Coupons take a discount off the cart (api/coupon)
  `api/coupon` applies a coupon code to the session, and the discount shows as a `Coupon (<code>)` line in the totals
  of `api/cart/products`. Nothing is written to the database: a coupon counts as used only when an order with it is
  placed (features/order-status.feature). The coupons are named by role in the target's fixtures (`coupons`).
  See the operation `coupon` in openapi.yaml and its page in the living documentation (`npm run docs`:
  reports/docs/routes/coupon.html).

  @route:coupon
  Rule: a coupon that does not apply is refused, and leaves the cart as it was
    The roles below are the coupons the fixtures name; a target whose fixtures name no coupon for a role skips that
    example with its reason. `(empty code)` sends an empty `coupon`, `(no field)` no `coupon` field at all.
    The coupon used up by the customer needs that customer set first (before the cart is filled, since a registered
    customer has a cart of their own).

    @route:cart/products @id:coupon-refused @must
    Scenario Outline: <case> is refused and the cart totals stay as they were
      Given I am logged in
      And the "<customer>" customer is set
      And my cart holds 1 of the "simple" product
      And I note the cart
      When I apply the "<coupon>" coupon
      Then the answer is the "CouponInvalid" variant
      And the cart totals are the same as before the discount

      Examples: codes that name no usable coupon
        | case                  | coupon       | customer |
        | an unknown code       | unknown      | guest    |
        | an empty code         | (empty code) | guest    |
        | a request without one | (no field)   | guest    |

      Examples: coupons whose conditions the session does not meet
        | case                                                 | coupon                  | customer               |
        | a disabled coupon                                    | disabled                | guest                  |
        | an expired coupon                                    | expired                 | guest                  |
        | a coupon not valid yet                               | not yet valid           | guest                  |
        | a coupon whose total uses are used up                | used up                 | guest                  |
        | a coupon the customer has used as often as allowed   | used up by the customer | registered with points |
        | a coupon whose minimum is above the cart's sub-total | above the cart total    | guest                  |
        | a coupon for other products                          | for other products      | guest                  |
        | a coupon for other categories                        | for other categories    | guest                  |
        | a coupon for logged-in customers, with a guest       | for logged-in customers | guest                  |

    @id:coupon-refused-message @should
    Scenario Outline: the refusal of <case> says so in the store's language
      Given I am logged in
      When I apply the "<coupon>" coupon
      Then the error is the "couponInvalid" message

      Examples:
        | case                  | coupon       |
        | an unknown code       | unknown      |
        | an expired coupon     | expired      |
        | an empty code         | (empty code) |
        | a request without one | (no field)   |

  @route:coupon
  Rule: a coupon that applies takes its discount off the products' sub-total and the percentage taxes
    Fixed-amount taxes (Eco Tax) stay as they were, and a tax that comes to nothing shows no line. A coupon takes the
    percentage taxes of what it takes off each line, so a line without taxes beside a taxed one shows how it is shared.
    That is where the Coupon total runs before the Taxes total (a fresh install's order); where the store runs it
    after them (`totals.order`), the tax lines are out already and stay as they were, and these scenarios expect so.

    @route:cart/products @id:coupon-percent-discount @must
    Scenario: a percentage coupon takes its percent of the sub-total, and the VAT on it where coupons run before the taxes
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And I note the cart
      When I apply the "percent" coupon
      Then the answer is a success
      And the cart totals show the discount of the "percent" coupon

    @route:cart/products @id:coupon-fixed-discount @must
    Scenario: a fixed coupon takes its amount off the sub-total, and the VAT on it where coupons run before the taxes
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And I note the cart
      When I apply the "fixed" coupon
      Then the answer is a success
      And the cart totals show the discount of the "fixed" coupon

    @route:cart/products @id:coupon-registered-customer @must
    Scenario: a registered customer's cart takes the coupon too
      Given I am logged in
      And the "registered with points" customer is set
      And my cart holds 1 of the "with points" product
      And I note the cart
      When I apply the "percent" coupon
      Then the answer is a success
      And the cart totals show the discount of the "percent" coupon

    @route:cart/products @id:coupon-fixed-shared-over-lines @must
    Scenario: a fixed coupon is shared over two different lines in proportion to their totals
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Red"
      And I note the cart
      When I apply the "fixed" coupon
      Then the answer is a success
      And the cart totals show the discount of the "fixed" coupon

    @route:cart/products @id:coupon-restricted-lines @must
    Scenario Outline: a coupon <case> takes its discount off that product's line only
      Given I am logged in
      And my cart holds 1 of the "priced by quantity" product with its "select" option "Red"
      And my cart holds 1 of the "not shippable" product
      And I note the cart
      When I apply the "<coupon>" coupon
      Then the answer is a success
      And the cart totals show the discount of the "<coupon>" coupon on the "not shippable" product only

      Examples:
        | case                       | coupon           |
        | for one product            | for one product  |
        | for a category it lies in  | for one category |
        | of a fixed amount, for one product | fixed for one product |

    @route:cart/products @id:coupon-limits-reached-exactly @must
    Scenario Outline: <case> applies
      Given I am logged in
      And the "<customer>" customer is set
      And my cart holds 1 of the "simple" product
      And I note the cart
      When I apply the "<coupon>" coupon
      Then the answer is a success
      And the cart totals show the discount of the "<coupon>" coupon

      Examples:
        | case                                                  | coupon                                   | customer               |
        | a coupon whose minimum is exactly the cart sub-total  | with the simple product price as minimum | guest                  |
        | a once-per-customer coupon a guest order used, for a guest | used once by a guest                | guest                  |
        | a coupon without use limits, for a registered customer | without use limits                      | registered with points |

    @route:cart/products @id:coupon-takes-whole-subtotal @must
    Scenario: a fixed coupon worth more than the products takes their sub-total, and the percentage tax line goes
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I note the cart
      When I apply the "worth more than the cart" coupon
      Then the answer is a success
      And the cart totals show the discount of the "worth more than the cart" coupon

    @route:cart/products @id:coupon-with-shipping @must
    Scenario Outline: <case>
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And the "uk" shipping address is set
      And I note the cart
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And I note the cart
      When I apply the "<coupon>" coupon
      Then the answer is a success
      And the cart totals show the discount of the "<coupon>" coupon with the "flat" shipping

      Examples:
        | case                                                                          | coupon                   |
        | a free-shipping coupon takes off the shipping cost and the VAT on it          | free shipping            |
        | a fixed coupon worth more than the products takes their sub-total, not the shipping | worth more than the cart |

    @id:coupon-success-message @should
    Scenario: the success says the coupon was applied
      Given I am logged in
      And my cart holds 1 of the "simple" product
      When I apply the "percent" coupon
      Then the answer is a success saying the "couponSuccess" message

  Rule: a coupon stays applied while the cart no longer meets its conditions, and counts again once it does
    The totals check the coupon again each time: a cart that falls below its minimum shows no Coupon line, but the
    session keeps the coupon, so it is back as soon as the cart reaches the minimum again.

    @route:cart/add @route:cart/products @route:cart/remove @id:coupon-kept-while-not-applying @must
    Scenario: a coupon whose minimum the cart no longer reaches shows no line, and is back once it does
      Given I am logged in
      And my cart holds 1 of the "simple" product
      And I note the cart
      And the "with the simple product price as minimum" coupon is applied
      When I take every product out of the cart
      Then the cart totals show no "coupon" line
      And my cart holds 1 of the "simple" product
      And the cart totals show the discount of the "with the simple product price as minimum" coupon

  Rule: each call takes off the coupon applied before, so a code that fails removes the discount

    @route:cart/products @route:coupon @id:coupon-removed @must
    Scenario Outline: <case> after a valid coupon takes the discount off again
      Given I am logged in
      And my cart holds 2 of the "simple" product
      And I note the cart
      And the "percent" coupon is applied
      When I apply the "<coupon>" coupon
      Then the answer is the "CouponInvalid" variant
      And the cart totals are the same as before the discount

      Examples:
        | case            | coupon       |
        | an empty code   | (empty code) |
        | an unknown code | unknown      |
